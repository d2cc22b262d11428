import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js');

export interface SpectralFinding {
  /** The rule, e.g. `owasp:api4:2023-string-limit`. */
  code: string;
  /** Where in the document, dot-joined: `components.schemas.Order.properties.id`. */
  path: string;
  message: string;
  /** 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
}

/**
 * `spectral lint` with the repository's .spectral.yaml (the OWASP API Security Top 10 ruleset) on a
 * document written to a temporary file, run by the Node that runs the tests, offline. Every finding,
 * whatever its severity.
 */
export function spectralLint(document: unknown): SpectralFinding[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ordersaga-openapi-'));
  const file = path.join(dir, 'openapi.json');
  try {
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = spawnSync(
      process.execPath,
      [CLI, 'lint', file, '--ruleset', path.join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet', '--fail-severity', 'hint'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      },
    );
    const start = run.stdout.indexOf('[');
    if (start < 0) throw new Error(`spectral printed no report (exit ${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout.slice(start)) as { code: string; path: (string | number)[]; message: string; severity: number }[];
    return report.map((finding) => ({ code: finding.code, path: finding.path.join('.'), message: finding.message, severity: finding.severity }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
