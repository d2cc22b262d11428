/**
 * `npm run bench:compare [-- --counts FILE] [-- --baseline FILE] [-- --update]`
 *
 * Compares the bench's deterministic counts (default bench/counts.json; a whole bench/results.json is
 * read as well) with the committed baseline (bench/baseline/counts-baseline.json), prints the
 * differences, and exits 1 when an order got dearer or a bundle 10 % bigger (counts-comparison.ts
 * says exactly what fails). In GitHub Actions the same text lands in the job summary.
 * `--update` writes the current counts as the new baseline instead: commit it with the change that
 * explains it.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareCounts, CountsFormatError, formatComparison, parseCounts, type BenchCounts } from './counts-comparison';

const root = path.resolve(__dirname, '../..');
const DEFAULT_COUNTS = 'bench/counts.json';
const DEFAULT_BASELINE = 'bench/baseline/counts-baseline.json';

/** Relative to the repository when inside it, as the README's commands name files. */
const display = (file: string): string => (path.relative(root, file).startsWith('..') ? file : path.relative(root, file));

function readCounts(file: string, what: string): BenchCounts {
  if (!existsSync(file)) {
    throw new CountsFormatError(
      `No ${what} at ${display(file)}.${what === 'counts' ? ' Run npm run bench:counts first (or pass --counts bench/results.json after npm run bench).' : ''}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CountsFormatError(`${display(file)} is not JSON: ${(error as Error).message}`);
  }
  return parseCounts(json, display(file));
}

function main(): number {
  const { values } = parseArgs({ options: { counts: { type: 'string' }, baseline: { type: 'string' }, update: { type: 'boolean' } } });
  const countsFile = path.resolve(root, values.counts ?? DEFAULT_COUNTS);
  const baselineFile = path.resolve(root, values.baseline ?? DEFAULT_BASELINE);
  const current = readCounts(countsFile, 'counts');

  if (values.update) {
    const about = `npm run bench:compare -- --update from ${display(countsFile)}, ${new Date().toISOString().slice(0, 10)}`;
    writeFileSync(baselineFile, `${JSON.stringify({ about, paths: current.paths, functions: current.functions }, null, 2)}\n`);
    process.stdout.write(`written: ${display(baselineFile)} (${current.paths.length} paths, ${current.functions.length} functions)\n`);
    return 0;
  }

  const comparison = compareCounts(readCounts(baselineFile, 'baseline'), current);
  const report = formatComparison(comparison, display(baselineFile));
  process.stdout.write(report);
  // GitHub Actions renders this file on the run's page, so a pull request's reviewers see the diff.
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `### Cost and size against the baseline\n\n\`\`\`text\n${report}\`\`\`\n`);
  return comparison.passed ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof CountsFormatError)) throw error;
  process.stderr.write(`bench:compare: ${error.message}\n`);
  process.exitCode = 2;
}
