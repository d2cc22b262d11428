/**
 * `npm start`'s log format for people (`--log-format pretty`, the default): one line per invocation,
 * like the REPORT line Lambda writes (time, function, duration, cold start, outcome, correlation id),
 * and each line the function writes made compact — Powertools' JSON becomes its level, message and the
 * keys that say what it is about, an error its stack. Coloured on a terminal. `--log-format json` keeps
 * the lines exactly as written instead (function-logs.ts), for tools.
 */
import type { FunctionInvocationSummary, FunctionLogLine, FunctionLogSink } from './function-logs';

export interface ReadableLogOptions {
  /** ANSI colours (a terminal that is not told NO_COLOR). */
  color: boolean;
  /** Now, for lines that carry no time of their own. */
  now?: () => Date;
}

/** Keys every Powertools line carries: they say nothing about this line, or are shown elsewhere. */
const PLUMBING_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
  'correlationId',
  'error',
]);

const MAX_VALUE_CHARS = 120;

const ANSI = {
  reset: '\u001b[0m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
};
type Colour = keyof typeof ANSI;

const paint = (options: ReadableLogOptions, colour: Colour, text: string): string => (options.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text);

const LEVEL_COLOURS: Record<string, Colour> = { CRITICAL: 'red', ERROR: 'red', WARN: 'yellow', INFO: 'green', DEBUG: 'dim', TRACE: 'dim' };

/** `HH:MM:SS.mmm` in UTC, as the runtime's functions log (TZ=UTC). */
const clock = (date: Date): string => date.toISOString().slice(11, 23);

const timeOf = (value: unknown, options: ReadableLogOptions): string => {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  return clock(parsed && !Number.isNaN(parsed.getTime()) ? parsed : (options.now?.() ?? new Date()));
};

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? (/\s/.test(value) || value === '' ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** The stack of a logged error (Powertools logs `error: {name, message, stack}`), indented under its line. */
function errorLines(error: unknown, options: ReadableLogOptions): string[] {
  if (typeof error !== 'object' || error === null) return error === undefined ? [] : [`    error=${valueText(error)}`];
  const { name, message, stack } = error as { name?: string; message?: string; stack?: string };
  const lines = typeof stack === 'string' && stack.trim() ? stack.split('\n') : [`${name ?? 'Error'}: ${message ?? ''}`];
  return lines.map((line) => paint(options, 'red', `    ${line.trim()}`));
}

const parseJson = (text: string): Record<string, unknown> | undefined => {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** One line a function wrote, compact: `time LEVEL function message key=value…`, an error's stack below it. */
export function formatFunctionLine(line: FunctionLogLine, options: ReadableLogOptions): string {
  const json = parseJson(line.text.trim());
  const fn = paint(options, 'cyan', line.functionId);
  if (!json || typeof json.message !== 'string') {
    const level = line.stream === 'stderr' ? paint(options, 'yellow', 'ERR  ') : '     ';
    return `${paint(options, 'dim', timeOf(undefined, options))} ${level} ${fn}  ${line.text}`;
  }
  const level = String(json.level ?? 'INFO').toUpperCase();
  const keys = Object.entries(json)
    .filter(([key, value]) => !PLUMBING_KEYS.has(key) && value !== undefined)
    .map(([key, value]) => `${paint(options, 'dim', `${key}=`)}${valueText(value)}`);
  const head = [
    paint(options, 'dim', timeOf(json.timestamp, options)),
    paint(options, LEVEL_COLOURS[level] ?? 'reset', level.padEnd(5)),
    fn,
    ` ${json.message}`,
    ...keys,
  ];
  return [head.join(' '), ...errorLines(json.error, options)].join('\n');
}

/** One invocation, as Lambda's REPORT line would say it: `time ▶ function 42 ms cold ok corr=…`, a failure's stack below it. */
export function formatInvocation(summary: FunctionInvocationSummary, options: ReadableLogOptions): string {
  const end = new Date(summary.startedAt + summary.durationMs);
  const outcome =
    summary.outcome === 'ok'
      ? paint(options, 'green', 'ok')
      : paint(options, 'red', `failed ${summary.error ? `${summary.error.errorType}: ${summary.error.errorMessage}` : ''}`.trim());
  const parts = [
    paint(options, 'dim', clock(end)),
    paint(options, 'bold', '▶'),
    paint(options, 'cyan', summary.functionId),
    `${summary.durationMs} ms`,
    ...(summary.coldStart ? [paint(options, 'magenta', 'cold')] : []),
    outcome,
    ...(summary.correlationId ? [paint(options, 'dim', `corr=${summary.correlationId}`)] : []),
  ];
  const trace = summary.outcome === 'error' ? (summary.error?.trace ?? []).slice(1).map((frame) => paint(options, 'red', `    ${frame.trim()}`)) : [];
  return [parts.join(' '), ...trace].join('\n');
}

/**
 * A sink that writes readable lines. The correlation id of an invocation whose event names none (a
 * stream batch) is taken from the first line of the invocation that logs one.
 */
export function readableFunctionLogs(write: (text: string) => void, options: ReadableLogOptions): FunctionLogSink {
  const correlations = new Map<string, string>();
  return {
    line: (line) => {
      const correlationId = parseJson(line.text.trim())?.correlationId;
      if (line.requestId && typeof correlationId === 'string' && !correlations.has(line.requestId)) correlations.set(line.requestId, correlationId);
      write(`${formatFunctionLine(line, options)}\n`);
    },
    invocation: (summary) => {
      const correlationId = summary.correlationId ?? correlations.get(summary.requestId);
      correlations.delete(summary.requestId);
      write(`${formatInvocation({ ...summary, correlationId }, options)}\n`);
    },
  };
}
