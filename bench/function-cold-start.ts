import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { functionEnvironment, type AppWiring } from '../lib/wiring';
import type { FunctionBundles } from '../local/lambda/function-bundler';
import { median } from './stats';

const INIT_RUNS = 10;

/** The environment each function gets, with placeholder names: module init reads it, nothing is called. */
function placeholderEnvironment(wiring: AppWiring, functionId: string): Record<string, string> {
  const spec = wiring.functions.find((candidate) => candidate.id === functionId)!;
  return {
    ...functionEnvironment(spec, {
      stage: 'bench',
      logLevel: 'ERROR',
      tableName: 'bench-table',
      eventBusName: 'bench-bus',
      stateMachineArns: Object.fromEntries(wiring.stateMachines.map((machine) => [machine.id, `arn:aws:states:us-east-1:000000000000:stateMachine:${machine.id}`])),
      stateMachines: wiring.stateMachines,
      tokenIssuer: { issuer: 'https://issuer.invalid', audience: 'bench', jwksJson: '{"keys":[]}' },
      secrets: { CURSOR_SIGNING_KEY: { value: 'bench' }, PAYMENT_WEBHOOK_SECRET: { value: 'bench' } },
      saga: { asyncPaymentTimeoutSeconds: 900 },
    }),
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: functionId,
    POWERTOOLS_TRACE_ENABLED: 'false',
    NODE_OPTIONS: '',
  };
}

/** Module-init time of one bundle: `require` in a fresh node process, median of INIT_RUNS runs. */
function initTimeMs(bundlePath: string, env: Record<string, string>): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundlePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return median(Array.from({ length: INIT_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }))));
}

export function measureColdStarts(wiring: AppWiring, bundles: FunctionBundles): { functionId: string; bundleKB: number; initMs: number }[] {
  return [...bundles.bundles.entries()].map(([functionId, bundlePath]) => ({
    functionId,
    bundleKB: statSync(bundlePath).size / 1024,
    initMs: initTimeMs(bundlePath, placeholderEnvironment(wiring, functionId)),
  }));
}
