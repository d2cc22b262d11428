/**
 * Every saga path measured with real orders through the local runtime, with the order saga as one
 * workflow type: the main paths in one runtime, the async-payment timeout in a second one whose
 * timeout is shorter than the simulator's webhook (bench/order-paths.ts). `npm run bench` and
 * `npm run bench:counts` both use it.
 */
import type { SagaWorkflowType } from '#contracts/state-machines';
import { appWiring, type AppWiring } from '#lib/wiring';
import type { LocalRuntime } from '#local/runtime';
import { startBenchRuntime } from './bench-runtime';
import { OrderClient } from './order-client';
import { mainRuntimePaths, measureOrderPaths, type OrderPath, type PathFigures, paymentTimeoutPaths } from './order-paths';
import { OrderUsageMeter } from './order-usage-meter';

export const IN_STOCK_SKUS = Array.from({ length: 16 }, (_, index) => `BENCH-${index + 1}`);
export const OUT_OF_STOCK_SKU = 'BENCH-EMPTY';
/** The products the one-at-a-time path orders buy. */
export const pathSkus = { inStock: IN_STOCK_SKUS[0]!, outOfStock: OUT_OF_STOCK_SKU };
/** Longer than the bench runs: in the timeout runtime, the provider never calls back. */
const WEBHOOK_NEVER_MS = 3_600_000;

/** The bench's own products, through the admin API: plenty of stock (no low-stock alerts), and none. */
async function seedBenchProducts(runtime: LocalRuntime, client: OrderClient, inStockSkus: string[]): Promise<void> {
  const admin = await runtime.issuer.issue({ sub: 'bench-admin', groups: ['admin'] });
  for (const sku of inStockSkus) await client.putProduct(admin, sku, 1_000_000);
  await client.putProduct(admin, OUT_OF_STOCK_SKU, 0);
  await runtime.idle();
}

/** Seeds the runtime, hands it to `work` with a client and a meter, and stops it whatever happens. */
export async function withRuntime<T>(
  runtime: LocalRuntime,
  wiring: AppWiring,
  inStockSkus: string[],
  work: (client: OrderClient, meter: OrderUsageMeter) => Promise<T>,
): Promise<T> {
  const client = new OrderClient(runtime.url);
  // The bench runs the prod stage's logging: an Express saga logs its errors only.
  const meter = new OrderUsageMeter(runtime, wiring, 'ERROR');
  try {
    await seedBenchProducts(runtime, client, inStockSkus);
    return await work(client, meter);
  } finally {
    meter.close();
    await runtime.stop();
  }
}

/** The paths of `paths` in a fresh runtime with the order saga as `workflow`. */
export async function measurePathsIn(
  rootDir: string,
  workflow: SagaWorkflowType,
  paths: OrderPath[],
  runtimeOptions: { asyncPaymentTimeoutSeconds?: number; paymentWebhookDelayMs?: number } = {},
): Promise<PathFigures[]> {
  const runtime = await startBenchRuntime({ rootDir, wiring: appWiring, workflowType: workflow, ...runtimeOptions });
  return withRuntime(runtime, appWiring, [pathSkus.inStock], (client, meter) => measureOrderPaths({ runtime, client, meter, skus: pathSkus, workflow }, paths));
}

/** The async payment's timeout path: a runtime whose wait is 1 s and whose provider never calls back. */
export function measureTimeoutPaths(rootDir: string, workflow: SagaWorkflowType): Promise<PathFigures[]> {
  return measurePathsIn(rootDir, workflow, paymentTimeoutPaths, { asyncPaymentTimeoutSeconds: 1, paymentWebhookDelayMs: WEBHOOK_NEVER_MS });
}

/** Every path with the order saga as `workflow`. */
export async function measureWorkflowPaths(rootDir: string, workflow: SagaWorkflowType, progress: (line: string) => void): Promise<PathFigures[]> {
  progress(`${workflow}: main paths`);
  const main = await measurePathsIn(rootDir, workflow, mainRuntimePaths);
  progress(`${workflow}: async payment timeout (a second runtime: timeout 1 s, no webhook)`);
  return [...main, ...(await measureTimeoutPaths(rootDir, workflow))];
}
