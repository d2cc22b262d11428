import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The dependency rules (.dependency-cruiser.cjs, run by `npm run check`) catch what they forbid:
 * test/fixtures/dependency-rules/ holds a tiny tree that breaks every rule once, and each rule must
 * report it. A rule whose pattern stopped matching (a folder renamed, a regex mistyped) fails here
 * instead of silently passing every import.
 */
const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/dependency-rules');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violationsIn(directory: string, folders: string[]): Violation[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [DEPCRUISE, ...folders, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
      cwd: directory,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

const RULES = [
  'no-circular',
  'contracts-are-neutral',
  'contracts-need-no-runtime',
  'functions-do-not-import-lib',
  'lib-imports-functions-through-their-wiring',
  'local-runs-the-assembled-app',
  'domain-is-plain-typescript',
  'application-takes-its-ports',
  'handlers-are-entry-points',
  'source-does-not-import-tests',
  'client-stands-alone',
];

test('every dependency rule reports the import it forbids', () => {
  const violations = violationsIn(FIXTURE, ['functions', 'lib', 'contracts', 'local', 'clients']);
  const fired = new Set(violations.map((violation) => violation.rule.name));
  expect([...fired].sort()).toEqual([...RULES].sort());
  expect(violations).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        rule: expect.objectContaining({ name: 'domain-is-plain-typescript' }),
        from: 'functions/demo/domain/price.ts',
        to: expect.stringContaining('@aws-sdk/client-dynamodb'),
      }),
      expect.objectContaining({
        rule: expect.objectContaining({ name: 'functions-do-not-import-lib' }),
        from: 'functions/demo/handlers/quote.ts',
        to: 'lib/stage.ts',
      }),
    ]),
  );
}, 60_000);

test('the rule set is the one .dependency-cruiser.cjs declares', () => {
  const { forbidden } = require(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: { name: string; severity: string }[] };
  expect(forbidden.map((rule) => rule.name).sort()).toEqual([...RULES].sort());
  for (const rule of forbidden) expect({ rule: rule.name, severity: rule.severity }).toEqual({ rule: rule.name, severity: 'error' });
});
