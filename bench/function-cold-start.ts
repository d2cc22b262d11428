/**
 * Each function's bundle size and module-init time beside its bare floor (bench/bare-floor.ts).
 * Init is the time to `require` the bundle in a fresh node process (module loading plus top-level
 * construction), in wall-clock and in CPU time, with the function's own environment, NODE_OPTIONS included (`--enable-source-maps`,
 * as deployed). The median of INIT_RUNS processes; the bundles are taken round-robin, so machine noise
 * falls on functions and floors alike.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { functionEnvironment, type AppWiring } from '#lib/wiring';
import { bundleFunctions, type FunctionBundles } from '#local/lambda/function-bundler';
import { bundleFloors, type FloorBundles } from './bare-floor';
import { type Contributor, measureBundleContributors } from './bundle-contributors';
import { meetsBundleGoal } from './goals';
import { median } from './stats';

export const INIT_RUNS = 10;

export interface ColdStartRow {
  functionId: string;
  /** The SDK clients its floor constructs. */
  floor: string;
  bundleKB: number;
  floorKB: number;
  bundleRatio: number;
  initMs: number;
  floorMs: number;
  initRatio: number;
  /** The same init in CPU time (user + system), reported beside: steadier on a loaded machine. */
  initCpuMs: number;
  floorCpuMs: number;
  initCpuRatio: number;
  meetsGoal: boolean;
  /** What the bundle holds beyond its floor, largest first (bench/bundle-contributors.ts). */
  contributors: Contributor[];
}

/** The environment each function gets, with placeholder names: module init reads it, nothing is called. */
function placeholderEnvironment(wiring: AppWiring, functionId: string): Record<string, string> {
  const spec = wiring.functions.find((candidate) => candidate.id === functionId)!;
  return {
    ...functionEnvironment(spec, {
      stage: 'bench',
      logLevel: 'ERROR',
      tableName: 'bench-table',
      eventBusName: 'bench-bus',
      stateMachineArns: Object.fromEntries(
        wiring.stateMachines.map((machine) => [machine.id, `arn:aws:states:us-east-1:000000000000:stateMachine:${machine.id}`]),
      ),
      stateMachines: wiring.stateMachines,
      tokenIssuer: { issuer: 'https://issuer.invalid', audience: 'bench', jwksJson: '{"keys":[]}' },
      secrets: { CURSOR_SIGNING_KEY: { value: 'bench' }, PAYMENT_WEBHOOK_SECRET: { value: 'bench' } },
      notifications: { emailFromAddress: 'bench@example.com', configurationSetName: 'bench', smsEnabled: true },
      saga: { asyncPaymentTimeoutSeconds: 900 },
      paymentProvider: { kind: 'http', url: 'https://payments.invalid', apiKey: { value: 'bench' } },
    }),
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: functionId,
  };
}

interface InitTime {
  /** Wall-clock milliseconds, what a cold start waits. */
  wallMs: number;
  /** CPU milliseconds (user + system) of the process meanwhile: steadier than wall time on a loaded machine. */
  cpuMs: number;
}

/** The time to `require` one bundle in a fresh node process. */
function initOnce(bundlePath: string, env: Record<string, string>): InitTime {
  const script = `const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(bundlePath)});const w=Number(process.hrtime.bigint()-t)/1e6,u=process.cpuUsage(c);process.stdout.write(w+' '+(u.user+u.system)/1e3)`;
  const [wallMs, cpuMs] = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' })
    .split(' ')
    .map(Number);
  return { wallMs: wallMs!, cpuMs: cpuMs! };
}

/** Median init per bundle path, every bundle once per round. */
function medianInitTimes(targets: { bundlePath: string; env: Record<string, string> }[], runs: number): Map<string, InitTime> {
  const samples = new Map<string, InitTime[]>(targets.map((target) => [target.bundlePath, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const target of targets) samples.get(target.bundlePath)!.push(initOnce(target.bundlePath, target.env));
  }
  return new Map(
    [...samples].map(([bundlePath, times]) => [
      bundlePath,
      { wallMs: median(times.map((time) => time.wallMs)), cpuMs: median(times.map((time) => time.cpuMs)) },
    ]),
  );
}

export function measureColdStarts(
  wiring: AppWiring,
  bundles: FunctionBundles,
  floors: FloorBundles,
  contributors: Map<string, Contributor[]>,
  runs = INIT_RUNS,
): ColdStartRow[] {
  const functionIds = [...bundles.bundles.keys()];
  const targets = new Map<string, { bundlePath: string; env: Record<string, string> }>();
  for (const functionId of functionIds) {
    const env = placeholderEnvironment(wiring, functionId);
    targets.set(bundles.bundles.get(functionId)!, { bundlePath: bundles.bundles.get(functionId)!, env });
    const floor = floors.byFunction.get(functionId)!;
    // A floor shared by several functions runs with the first one's environment (only NODE_OPTIONS and the region matter to it).
    if (!targets.has(floor.bundlePath)) targets.set(floor.bundlePath, { bundlePath: floor.bundlePath, env });
  }
  const initTimes = medianInitTimes([...targets.values()], runs);
  const kilobytes = (file: string) => statSync(file).size / 1024;
  return functionIds.map((functionId) => {
    const bundlePath = bundles.bundles.get(functionId)!;
    const floor = floors.byFunction.get(functionId)!;
    const row = {
      functionId,
      floor: floor.name,
      bundleKB: kilobytes(bundlePath),
      floorKB: kilobytes(floor.bundlePath),
      initMs: initTimes.get(bundlePath)!.wallMs,
      floorMs: initTimes.get(floor.bundlePath)!.wallMs,
      initCpuMs: initTimes.get(bundlePath)!.cpuMs,
      floorCpuMs: initTimes.get(floor.bundlePath)!.cpuMs,
    };
    const bundleRatio = row.bundleKB / row.floorKB;
    const initRatio = row.initMs / row.floorMs;
    return {
      ...row,
      bundleRatio,
      initRatio,
      initCpuRatio: row.initCpuMs / row.floorCpuMs,
      meetsGoal: meetsBundleGoal({ ...row, bundleRatio, initRatio }),
      contributors: contributors.get(functionId) ?? [],
    };
  });
}

/** Bundles every function and its floor, and measures them (the bench's section b). */
export async function measureFunctionColdStarts(rootDir: string, wiring: AppWiring, runs = INIT_RUNS): Promise<ColdStartRow[]> {
  const bundles = await bundleFunctions(rootDir, wiring.functions);
  const floors = await bundleFloors(rootDir, wiring.functions);
  const contributors = await measureBundleContributors(rootDir, wiring.functions, { floors });
  try {
    return measureColdStarts(wiring, bundles, floors, contributors, runs);
  } finally {
    bundles.dispose();
    floors.dispose();
  }
}
