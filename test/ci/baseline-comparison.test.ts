import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchCounts, compareCounts, CountsFormatError, formatComparison, parseCounts } from '../../bench/baseline/counts-comparison';

const root = path.resolve(__dirname, '../..');
const BASELINE_FILE = path.join(root, 'bench/baseline/counts-baseline.json');
const committedBaseline = (): BenchCounts => parseCounts(JSON.parse(readFileSync(BASELINE_FILE, 'utf8')), 'counts-baseline.json');

const baseline: BenchCounts = {
  paths: [
    { path: 'happy (tok_visa)', statesEntered: 3, dynamoDbCalls: 17, dynamoDbWriteUnits: 39 },
    { path: 'out of stock', statesEntered: 2, dynamoDbCalls: 14, dynamoDbWriteUnits: 25 },
  ],
  functions: [
    { id: 'createOrder', bundleKB: 1000 },
    { id: 'getOrder', bundleKB: 950 },
  ],
};

/** The baseline with one change made by `edit`. */
function changed(edit: (counts: BenchCounts) => void): BenchCounts {
  const copy = structuredClone(baseline);
  edit(copy);
  return copy;
}

const happy = (counts: BenchCounts) => counts.paths[0]!;
const createOrder = (counts: BenchCounts) => counts.functions[0]!;

describe('the bench counts against the committed baseline', () => {
  test('equal counts pass, with nothing to report', () => {
    const comparison = compareCounts(baseline, structuredClone(baseline));
    expect(comparison).toEqual({ passed: true, findings: [], unchanged: { paths: 2, functions: 2 } });
    expect(formatComparison(comparison)).toContain('passed');
  });

  test('a state added to the happy path fails, naming the path and the figure', () => {
    const comparison = compareCounts(
      baseline,
      changed((counts) => {
        happy(counts).statesEntered = 4;
      }),
    );
    expect(comparison.passed).toBe(false);
    expect(comparison.findings).toEqual([
      expect.objectContaining({ verdict: 'regression', subject: 'path "happy (tok_visa)"', figure: 'statesEntered', baseline: 3, current: 4 }),
    ]);
    expect(formatComparison(comparison)).toMatch(/FAILED[\s\S]*path "happy \(tok_visa\)": statesEntered 3 → 4 \(\+1\): a state added to this path/);
  });

  test.each([
    ['dynamoDbCalls', 'more DynamoDB calls per order'],
    ['dynamoDbWriteUnits', 'more DynamoDB write units per order'],
  ] as const)('more %s per order fails', (figure, note) => {
    const comparison = compareCounts(
      baseline,
      changed((counts) => {
        happy(counts)[figure] += 1;
      }),
    );
    expect(comparison.passed).toBe(false);
    expect(comparison.findings).toEqual([expect.objectContaining({ verdict: 'regression', figure, note })]);
  });

  test('a bundle 10 % bigger fails; 9.9 % bigger passes and is still reported', () => {
    const tenPercent = compareCounts(
      baseline,
      changed((counts) => {
        createOrder(counts).bundleKB = 1100;
      }),
    );
    expect(tenPercent.passed).toBe(false);
    expect(formatComparison(tenPercent)).toContain('function createOrder: bundleKB 1000 → 1100 (+10.0 %): bundle 10 % or more bigger');

    const justUnder = compareCounts(
      baseline,
      changed((counts) => {
        createOrder(counts).bundleKB = 1099;
      }),
    );
    expect(justUnder.passed).toBe(true);
    expect(justUnder.findings).toEqual([expect.objectContaining({ verdict: 'within-limit', subject: 'function createOrder' })]);
    expect(formatComparison(justUnder)).toMatch(/bigger, within the limit: 1\n {2}function createOrder: bundleKB 1000 → 1099 \(\+9\.9 %\)/);
  });

  test('improvements are reported without failing', () => {
    const comparison = compareCounts(
      baseline,
      changed((counts) => {
        happy(counts).dynamoDbWriteUnits = 29;
        createOrder(counts).bundleKB = 700;
      }),
    );
    expect(comparison.passed).toBe(true);
    expect(comparison.findings.map((finding) => [finding.verdict, finding.subject, finding.figure])).toEqual([
      ['improvement', 'path "happy (tok_visa)"', 'dynamoDbWriteUnits'],
      ['improvement', 'function createOrder', 'bundleKB'],
    ]);
    const report = formatComparison(comparison);
    expect(report).toContain('✓ cheaper or smaller: 2');
    expect(report).toContain('dynamoDbWriteUnits 39 → 29 (−10)');
    expect(report).toContain('bundleKB 1000 → 700 (−30.0 %)');
  });

  test('a difference below a hundredth is rounding of a mean, not a change', () => {
    const comparison = compareCounts(
      baseline,
      changed((counts) => {
        happy(counts).dynamoDbCalls = 17.004;
      }),
    );
    expect(comparison).toMatchObject({ passed: true, findings: [] });
  });

  test('a baseline path or function no longer measured fails (a rename must not escape the check); new ones are only reported', () => {
    const comparison = compareCounts(
      baseline,
      changed((counts) => {
        happy(counts).path = 'happy path';
        counts.functions.push({ id: 'shipOrder', bundleKB: 900 });
      }),
    );
    expect(comparison.passed).toBe(false);
    expect(comparison.findings.map((finding) => [finding.verdict, finding.subject])).toEqual([
      ['missing', 'path "happy (tok_visa)"'],
      ['new', 'path "happy path"'],
      ['new', 'function shipOrder'],
    ]);
  });

  test('a path is compared with the baseline entry of the same workflow type; one without a type is standard', () => {
    const express = { path: 'happy (tok_visa)', workflow: 'express' as const, statesEntered: 2, dynamoDbCalls: 10, dynamoDbWriteUnits: 20 };
    const withExpress = { ...baseline, paths: [...baseline.paths, express] };
    const dearer = { ...withExpress, paths: [...baseline.paths, { ...express, dynamoDbCalls: 11 }] };
    const comparison = compareCounts(withExpress, dearer);
    expect(comparison.findings).toEqual([
      expect.objectContaining({ verdict: 'regression', subject: 'path "happy (tok_visa)" (express)', figure: 'dynamoDbCalls' }),
    ]);
    expect(() => parseCounts({ paths: [{ ...express, workflow: 'fast' }], functions: [] }, 'counts.json')).toThrow(
      'paths[0].workflow must be "standard" or "express"',
    );
  });

  test('a whole bench/results.json reads as counts (usage.dynamoDbWriteUnits, functionId)', () => {
    const results = {
      date: '2026-12-06',
      paths: [{ path: 'happy (tok_visa)', statesEntered: 3, dynamoDbCalls: 17, usage: { dynamoDbWriteUnits: 39, dynamoDbReadUnits: 6 }, outcome: 'confirmed' }],
      functions: [{ functionId: 'createOrder', bundleKB: 1003.6, floorKB: 333.7 }],
    };
    expect(parseCounts(results, 'results.json')).toEqual({
      paths: [{ path: 'happy (tok_visa)', workflow: 'standard', statesEntered: 3, dynamoDbCalls: 17, dynamoDbWriteUnits: 39 }],
      functions: [{ id: 'createOrder', bundleKB: 1003.6 }],
    });
  });

  test.each([
    [{ functions: [] }, 'counts.json: paths must be an array'],
    [{ paths: [{ path: 'happy', statesEntered: 3, dynamoDbCalls: 17 }], functions: [] }, 'counts.json: paths[0].dynamoDbWriteUnits must be a number ≥ 0'],
    [{ paths: [], functions: [{ id: 'a', bundleKB: 0 }] }, 'counts.json: functions[0].bundleKB must be more than 0'],
    [
      {
        paths: [],
        functions: [
          { id: 'a', bundleKB: 1 },
          { id: 'a', bundleKB: 2 },
        ],
      },
      'counts.json: functions: "a" appears twice',
    ],
  ])('a malformed counts file is refused with the field it lacks (%#)', (json, message) => {
    expect(() => parseCounts(json, 'counts.json')).toThrow(new CountsFormatError(message));
  });

  test('the committed baseline is well formed and holds every saga path and function the bench reports', () => {
    const counts = committedBaseline();
    expect(counts.paths.map((entry) => entry.path)).toContain('happy (tok_visa)');
    // The happy path on both workflow types: ReserveStock → TakePayment.
    for (const workflow of ['standard', 'express'])
      expect(counts.paths.find((entry) => entry.path === 'happy (tok_visa)' && entry.workflow === workflow)).toMatchObject({ statesEntered: 2 });
    expect(counts.paths.length).toBeGreaterThanOrEqual(10);
    expect(counts.functions.length).toBeGreaterThanOrEqual(25);
  });
});

describe('npm run bench:compare', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the command line as CI does; returns its exit code, output and job summary. */
  function run(current: BenchCounts, ...args: string[]): { status: number; stdout: string; summary: string } {
    const countsFile = path.join(dir, 'counts.json');
    const summaryFile = path.join(dir, 'summary.md');
    writeFileSync(countsFile, JSON.stringify(current));
    writeFileSync(summaryFile, '');
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    try {
      const stdout = execFileSync(tsx, ['bench/baseline/compare.ts', '--counts', countsFile, ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_STEP_SUMMARY: summaryFile },
      });
      return { status: 0, stdout, summary: readFileSync(summaryFile, 'utf8') };
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      return { status: failed.status, stdout: failed.stdout, summary: readFileSync(summaryFile, 'utf8') };
    }
  }

  test('exits 1 on a regression and writes the diff to the job summary; exits 0 on the baseline itself', () => {
    const committed = committedBaseline();
    const dearer = structuredClone(committed);
    dearer.paths[0]!.statesEntered += 1;

    const failed = run(dearer);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('statesEntered 2 → 3');
    expect(failed.summary).toContain('statesEntered 2 → 3');

    expect(run(committed).status).toBe(0);
  });

  test('--update writes the current counts as the new baseline', () => {
    const baselineFile = path.join(dir, 'baseline.json');
    expect(run(baseline, '--baseline', baselineFile, '--update').status).toBe(0);
    expect(parseCounts(JSON.parse(readFileSync(baselineFile, 'utf8')), 'baseline.json')).toMatchObject({
      paths: baseline.paths,
      functions: baseline.functions,
    });
    expect(run(baseline, '--baseline', baselineFile).status).toBe(0);
  });
});
