/**
 * What the local function host tells about the functions it runs, as Lambda sends it to CloudWatch
 * Logs: each line a function writes (Powertools' JSON lines, anything else it prints), and one record
 * per invocation (Lambda's REPORT line: duration, cold start, outcome). A sink decides how they are
 * shown: raw (the lines as the function wrote them, for tools), or readable (readable-logs.ts).
 */

export interface FunctionLogLine {
  functionId: string;
  /** The invocation the line belongs to; none for lines written while the sandbox starts. */
  requestId?: string;
  stream: 'stdout' | 'stderr';
  /** One line, without its line break. */
  text: string;
}

export interface FunctionInvocationSummary {
  functionId: string;
  requestId: string;
  /** Epoch ms when the invocation began (its sandbox's start included on a cold start). */
  startedAt: number;
  durationMs: number;
  /** The sandbox started for this invocation (Lambda's Init Duration). */
  coldStart: boolean;
  outcome: 'ok' | 'error';
  error?: { errorType: string; errorMessage: string; trace?: string[] };
  /** The request's correlation id, when the event carries one (an API request, a saga step, a domain event). */
  correlationId?: string;
}

export interface FunctionLogSink {
  line(line: FunctionLogLine): void;
  invocation(summary: FunctionInvocationSummary): void;
}

/** The lines exactly as the functions wrote them, on this process's stdout and stderr; no invocation records. */
export const rawFunctionLogs: FunctionLogSink = {
  line: ({ stream, text }) => {
    (stream === 'stderr' ? process.stderr : process.stdout).write(`${text}\n`);
  },
  invocation: () => undefined,
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const sane = (value: unknown): string | undefined => (typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined);

/**
 * The correlation id an invocation's event carries, wherever this app puts it: an API request's
 * `x-correlation-id` header (else its request id), a saga step's `correlationId`, a domain event's
 * `detail.correlationId`.
 */
export function correlationIdOfEvent(event: unknown): string | undefined {
  const record = asRecord(event);
  if (!record) return undefined;
  const headers = asRecord(record.headers);
  if (headers) {
    const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-correlation-id')?.[1];
    return sane(header) ?? sane(asRecord(record.requestContext)?.requestId);
  }
  return sane(record.correlationId) ?? sane(asRecord(asRecord(record.detail))?.correlationId) ?? sane(asRecord(asRecord(record.context))?.correlationId);
}
