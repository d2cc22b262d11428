/**
 * The bench's deterministic counts held against a committed baseline, so that a change that makes an
 * order dearer or a bundle bigger shows up in its pull request. Pure: no I/O and nothing from the rest
 * of the project (bench/baseline/compare.ts reads the files), so that it keeps working however the
 * bench itself is laid out.
 *
 * What fails (docs/ci-and-deploy.md, "The cost and size baseline"):
 * - a path enters more saga states than in the baseline (any increase of `statesEntered`);
 * - a path makes more DynamoDB calls or consumes more write units per order (as DynamoDB Local reports
 *   them, and by AWS's documented rule where both files have that figure);
 * - a function's bundle is 10 % or more bigger (`bundleKB`);
 * - a path or function of the baseline is no longer measured (a rename would otherwise escape the check).
 * What is reported without failing: improvements, bundles that grew by less than 10 %, and paths or
 * functions the baseline does not have yet.
 */

/** The order saga's workflow type a path was measured with; a baseline written before it had one is `standard`. */
export type PathWorkflow = 'standard' | 'express';

/** The counts of one saga path, each the mean per order of the path's measured orders. */
export interface PathCounts {
  /** The bench's path name, e.g. `happy (tok_visa)`. */
  path: string;
  /** A path is compared with the baseline's entry of the same name and workflow (absent: `standard`). */
  workflow?: PathWorkflow;
  statesEntered: number;
  dynamoDbCalls: number;
  /** As DynamoDB Local's `ReturnConsumedCapacity` reports them. */
  dynamoDbWriteUnits: number;
  /** By AWS's documented rule (what the cost is priced on); absent in counts written before it was measured. */
  dynamoDbWriteUnitsDocumented?: number;
}

export interface FunctionCounts {
  /** The function's id in the wiring, e.g. `createOrder`. */
  id: string;
  /** Minified bundle size in KB, as built for deployment. */
  bundleKB: number;
}

/** `bench/counts.json` and `bench/baseline/counts-baseline.json`. */
export interface BenchCounts {
  /** Where the figures come from, for a reader; never compared. */
  about?: string;
  paths: PathCounts[];
  functions: FunctionCounts[];
}

/** A bundle this much bigger than its baseline (or more) fails the comparison. */
export const BUNDLE_GROWTH_LIMIT = 0.1;

/**
 * Per-order counts are means over a few orders, written with a few decimals; a difference below this
 * is rounding, not a change (one more call in one order of three moves the mean by 0.33).
 */
export const COUNT_TOLERANCE = 0.01;

export type Verdict = 'regression' | 'improvement' | 'within-limit' | 'missing' | 'new';

export interface Finding {
  verdict: Verdict;
  /** `path "happy (tok_visa)"` or `function createOrder`. */
  subject: string;
  /** The compared figure, e.g. `statesEntered`; absent for a whole missing or new entry. */
  figure?: string;
  baseline?: number;
  current?: number;
  /** Why it fails, or what it is, in words. */
  note: string;
}

export interface Comparison {
  /** True when nothing regressed and nothing of the baseline went missing. */
  passed: boolean;
  findings: Finding[];
  unchanged: { paths: number; functions: number };
}

/** Thrown when a counts file does not have the expected shape; the message names the field. */
export class CountsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountsFormatError';
  }
}

const PATH_FIGURES = ['statesEntered', 'dynamoDbCalls', 'dynamoDbWriteUnits', 'dynamoDbWriteUnitsDocumented'] as const;

const WHAT_MORE_MEANS: Record<(typeof PATH_FIGURES)[number], string> = {
  statesEntered: 'a state added to this path',
  dynamoDbCalls: 'more DynamoDB calls per order',
  dynamoDbWriteUnits: 'more DynamoDB write units per order',
  dynamoDbWriteUnitsDocumented: "more DynamoDB write units per order by AWS's documented rule",
};

export function compareCounts(baseline: BenchCounts, current: BenchCounts): Comparison {
  const findings: Finding[] = [];
  const unchanged = { paths: 0, functions: 0 };

  const currentPaths = new Map(current.paths.map((entry) => [pathKey(entry), entry]));
  for (const before of baseline.paths) {
    const subject = pathSubject(before);
    const after = currentPaths.get(pathKey(before));
    if (!after) {
      findings.push({ verdict: 'missing', subject, note: 'in the baseline but not measured now' });
      continue;
    }
    const changes = PATH_FIGURES.flatMap((figure): Finding[] => {
      const [was, now] = [before[figure], after[figure]];
      if (was === undefined || now === undefined) return []; // a figure one side does not have yet
      const delta = now - was;
      if (Math.abs(delta) < COUNT_TOLERANCE) return [];
      const verdict = delta > 0 ? 'regression' : 'improvement';
      return [{ verdict, subject, figure, baseline: was, current: now, note: verdict === 'regression' ? WHAT_MORE_MEANS[figure] : 'fewer' }];
    });
    if (changes.length === 0) unchanged.paths += 1;
    findings.push(...changes);
  }

  const currentFunctions = new Map(current.functions.map((entry) => [entry.id, entry]));
  for (const before of baseline.functions) {
    const subject = `function ${before.id}`;
    const after = currentFunctions.get(before.id);
    if (!after) {
      findings.push({ verdict: 'missing', subject, note: 'in the baseline but not measured now' });
      continue;
    }
    const sizes = { subject, figure: 'bundleKB', baseline: before.bundleKB, current: after.bundleKB };
    // A hair of slack for floating point, so that exactly 10 % bigger fails however the product rounds.
    if (after.bundleKB >= before.bundleKB * (1 + BUNDLE_GROWTH_LIMIT) - 1e-9) {
      findings.push({ ...sizes, verdict: 'regression', note: `bundle ${percent(BUNDLE_GROWTH_LIMIT)} or more bigger` });
    } else if (after.bundleKB > before.bundleKB) {
      findings.push({ ...sizes, verdict: 'within-limit', note: `grew by less than ${percent(BUNDLE_GROWTH_LIMIT)}` });
    } else if (after.bundleKB < before.bundleKB) {
      findings.push({ ...sizes, verdict: 'improvement', note: 'smaller' });
    } else {
      unchanged.functions += 1;
    }
  }

  const baselinePaths = new Set(baseline.paths.map(pathKey));
  const baselineFunctions = new Set(baseline.functions.map((entry) => entry.id));
  for (const entry of current.paths) {
    if (!baselinePaths.has(pathKey(entry)))
      findings.push({ verdict: 'new', subject: pathSubject(entry), note: `not in the baseline (${entry.statesEntered} states entered)` });
  }
  for (const entry of current.functions) {
    if (!baselineFunctions.has(entry.id))
      findings.push({ verdict: 'new', subject: `function ${entry.id}`, note: `not in the baseline (${entry.bundleKB} KB)` });
  }

  const passed = !findings.some((finding) => finding.verdict === 'regression' || finding.verdict === 'missing');
  return { passed, findings, unchanged };
}

const SECTIONS: { verdict: Verdict; mark: string; title: string }[] = [
  { verdict: 'regression', mark: '✗', title: 'dearer or bigger (fails)' },
  { verdict: 'missing', mark: '✗', title: 'no longer measured (fails)' },
  { verdict: 'improvement', mark: '✓', title: 'cheaper or smaller' },
  { verdict: 'within-limit', mark: '·', title: 'bigger, within the limit' },
  { verdict: 'new', mark: '+', title: 'not in the baseline' },
];

/** The comparison as plain text: one section per kind of finding, one line per finding. */
export function formatComparison(comparison: Comparison, baselineName = 'the baseline'): string {
  const lines = [`Bench counts against ${baselineName}: ${comparison.passed ? 'passed' : 'FAILED'}`];
  for (const { verdict, mark, title } of SECTIONS) {
    const findings = comparison.findings.filter((finding) => finding.verdict === verdict);
    if (findings.length === 0) continue;
    lines.push('', `${mark} ${title}: ${findings.length}`);
    for (const finding of findings) lines.push(`  ${describe(finding)}`);
  }
  lines.push('', `unchanged: ${comparison.unchanged.paths} path(s), ${comparison.unchanged.functions} function(s)`);
  if (!comparison.passed) {
    lines.push(
      '',
      'If the change is deliberate, make it part of the pull request: regenerate the counts, then',
      'npm run bench:compare -- --update, and say why in the pull request.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function describe(finding: Finding): string {
  if (finding.figure === undefined || finding.baseline === undefined || finding.current === undefined) return `${finding.subject}: ${finding.note}`;
  const change = finding.figure === 'bundleKB' ? signedPercent(finding.current / finding.baseline - 1) : signed(finding.current - finding.baseline);
  return `${finding.subject}: ${finding.figure} ${round(finding.baseline)} → ${round(finding.current)} (${change}): ${finding.note}`;
}

const round = (value: number): string => String(Math.round(value * 100) / 100);
const signed = (value: number): string => `${value > 0 ? '+' : '−'}${round(Math.abs(value))}`;
const percent = (share: number): string => `${Math.round(share * 100)} %`;
const signedPercent = (share: number): string => `${share > 0 ? '+' : '−'}${(Math.abs(share) * 100).toFixed(1)} %`;

/**
 * Reads either a counts file or a whole `bench/results.json` (what `npm run bench` writes: its
 * `paths[]` carry `usage.dynamoDbWriteUnits` and `usage.dynamoDbDocumentedWriteUnits`, its `functions[]`
 * a `functionId`), checking every field the comparison uses.
 */
export function parseCounts(json: unknown, source: string): BenchCounts {
  const root = object(json, source);
  const paths = array(root.paths, `${source}: paths`).map((entry, index) => {
    const where = `${source}: paths[${index}]`;
    const item = object(entry, where);
    const usage = item.usage === undefined ? item : object(item.usage, `${where}.usage`);
    return {
      path: text(item.path, `${where}.path`),
      workflow: workflowOf(item.workflow, `${where}.workflow`),
      statesEntered: count(item.statesEntered, `${where}.statesEntered`),
      dynamoDbCalls: count(item.dynamoDbCalls, `${where}.dynamoDbCalls`),
      dynamoDbWriteUnits: count(usage.dynamoDbWriteUnits, item.usage === undefined ? `${where}.dynamoDbWriteUnits` : `${where}.usage.dynamoDbWriteUnits`),
      ...documentedWriteUnits(item.usage === undefined ? item.dynamoDbWriteUnitsDocumented : usage.dynamoDbDocumentedWriteUnits, where),
    };
  });
  const functions = array(root.functions, `${source}: functions`).map((entry, index) => {
    const where = `${source}: functions[${index}]`;
    const item = object(entry, where);
    const id = item.id ?? item.functionId;
    const bundleKB = count(item.bundleKB, `${where}.bundleKB`);
    if (bundleKB === 0) throw new CountsFormatError(`${where}.bundleKB must be more than 0`);
    return { id: text(id, `${where}.id`), bundleKB };
  });
  unique(paths.map(pathKey), `${source}: paths`);
  unique(
    functions.map((entry) => entry.id),
    `${source}: functions`,
  );
  const about = typeof root.about === 'string' ? root.about : undefined;
  return { ...(about === undefined ? {} : { about }), paths, functions };
}

/** One path of one workflow type: how entries are matched, and named in findings. */
const pathKey = (entry: Pick<PathCounts, 'path' | 'workflow'>): string => `${entry.path} [${entry.workflow ?? 'standard'}]`;
const pathSubject = (entry: Pick<PathCounts, 'path' | 'workflow'>): string =>
  (entry.workflow ?? 'standard') === 'standard' ? `path "${entry.path}"` : `path "${entry.path}" (${entry.workflow})`;

function documentedWriteUnits(value: unknown, where: string): Pick<PathCounts, 'dynamoDbWriteUnitsDocumented'> {
  return value === undefined ? {} : { dynamoDbWriteUnitsDocumented: count(value, `${where}.dynamoDbWriteUnitsDocumented`) };
}

function workflowOf(value: unknown, where: string): PathWorkflow {
  if (value === undefined) return 'standard';
  if (value !== 'standard' && value !== 'express') throw new CountsFormatError(`${where} must be "standard" or "express"`);
  return value;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CountsFormatError(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new CountsFormatError(`${where} must be an array`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new CountsFormatError(`${where} must be a non-empty string`);
  return value;
}

function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new CountsFormatError(`${where} must be a number ≥ 0`);
  return value;
}

function unique(names: string[], where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new CountsFormatError(`${where}: "${name}" appears twice`);
    seen.add(name);
  }
}
