import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { FunctionBundles } from '../local/lambda/function-bundler';
import { median } from './stats';

const INIT_RUNS = 10;

/** Module-init time of one bundle: `require` in a fresh node process, median of INIT_RUNS runs. */
function initTimeMs(bundlePath: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundlePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const env = { ...process.env, AWS_REGION: 'us-east-1', POWERTOOLS_TRACE_ENABLED: 'false', JWT_ISSUER: 'x', JWT_AUDIENCE: 'x', JWKS_JSON: '{"keys":[]}' };
  return median(Array.from({ length: INIT_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }))));
}

export function measureColdStarts(bundles: FunctionBundles): { functionId: string; bundleKB: number; initMs: number }[] {
  return [...bundles.bundles.entries()].map(([functionId, bundlePath]) => ({
    functionId,
    bundleKB: statSync(bundlePath).size / 1024,
    initMs: initTimeMs(bundlePath),
  }));
}
