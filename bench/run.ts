/**
 * `npm run bench`: figures, not tests (docs/performance.md explains each one).
 *
 * a) order throughput through the local runtime beside DynamoDB Local's raw conditional-put rate;
 * b) each function's bundle size and module-init time beside its bare floor;
 * c) cost per 1M orders on every saga path, from metered usage and one us-east-1 price table;
 * d) states entered per path.
 *
 * Prints a report and writes bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appWiring, type AppWiring } from '#lib/wiring';
import { bundleFunctions } from '#local/lambda/function-bundler';
import type { LocalRuntime } from '#local/runtime';
import { awsPrices, PRICE_REGION, PRICES_CHECKED } from './aws-prices';
import { bundleFloors } from './bare-floor';
import { startBenchRuntime } from './bench-runtime';
import { measureConditionalPutsPerSecond } from './dynamodb-raw-puts';
import { measureColdStarts } from './function-cold-start';
import { checkGoals, storageBoundOrdersPerSecond } from './goals';
import { measureReadRoutes } from './http-routes';
import { OrderClient } from './order-client';
import { mainRuntimePaths, measureOrderPaths, paymentTimeoutPaths, type OrderPath, type PathFigures } from './order-paths';
import { measureOrderThroughput } from './order-throughput';
import { OrderUsageMeter } from './order-usage-meter';
import { type BenchResults, formatReport } from './report';

const root = path.resolve(__dirname, '..');
const CONCURRENCY = 16;
const READ_REQUESTS = 1000;
const ORDERS = 1500;
/** The order run stops placing orders after this long, so that the whole bench stays within minutes. */
const ORDER_TIME_BOX_SECONDS = 30;
const RAW_PUTS = 2000;
const IN_STOCK_SKUS = Array.from({ length: 16 }, (_, index) => `BENCH-${index + 1}`);
const OUT_OF_STOCK_SKU = 'BENCH-EMPTY';
/** The products the one-at-a-time path orders buy. */
const skus = { inStock: IN_STOCK_SKUS[0]!, outOfStock: OUT_OF_STOCK_SKU };
/** Longer than the bench runs: in the timeout runtime, the provider never calls back. */
const WEBHOOK_NEVER_MS = 3_600_000;

const benchStarted = Date.now();
const progress = (line: string) => process.stderr.write(`bench [${((Date.now() - benchStarted) / 1000).toFixed(0)} s]: ${line}\n`);

/** The bench's own products, through the admin API: plenty of stock (no low-stock alerts), and none. */
async function seedBenchProducts(runtime: LocalRuntime, client: OrderClient, inStockSkus: string[]): Promise<void> {
  const admin = await runtime.issuer.issue({ sub: 'bench-admin', groups: ['admin'] });
  for (const sku of inStockSkus) await client.putProduct(admin, sku, 1_000_000);
  await client.putProduct(admin, OUT_OF_STOCK_SKU, 0);
  await runtime.idle();
}

/** Seeds the runtime, hands it to `work` with a client and a meter, and stops it whatever happens. */
async function withRuntime<T>(
  runtime: LocalRuntime,
  wiring: AppWiring,
  inStockSkus: string[],
  work: (client: OrderClient, meter: OrderUsageMeter) => Promise<T>,
): Promise<T> {
  const client = new OrderClient(runtime.url);
  const meter = new OrderUsageMeter(runtime, wiring);
  try {
    await seedBenchProducts(runtime, client, inStockSkus);
    return await work(client, meter);
  } finally {
    meter.close();
    await runtime.stop();
  }
}

async function measureMainRuntime() {
  progress('starting the local runtime');
  const runtime = await startBenchRuntime({ rootDir: root, wiring: appWiring });
  return withRuntime(runtime, appWiring, IN_STOCK_SKUS, async (client, meter) => {
    progress('HTTP reads');
    const http = await measureReadRoutes(runtime, IN_STOCK_SKUS[0]!, READ_REQUESTS, CONCURRENCY);
    progress('DynamoDB Local raw conditional puts (before)');
    const putsBefore = await measureConditionalPutsPerSecond(runtime.dynamoDbEndpoint, runtime.tableName, RAW_PUTS, CONCURRENCY);
    progress(`up to ${ORDERS} orders in ${ORDER_TIME_BOX_SECONDS} s at ${CONCURRENCY} concurrent clients`);
    const throughput = await measureOrderThroughput(runtime, client, meter, {
      orders: ORDERS,
      stopAfterSeconds: ORDER_TIME_BOX_SECONDS,
      concurrency: CONCURRENCY,
      skus: IN_STOCK_SKUS,
      warmUpOrders: 2 * CONCURRENCY,
    });
    progress('DynamoDB Local raw conditional puts (after)');
    const putsAfter = await measureConditionalPutsPerSecond(runtime.dynamoDbEndpoint, runtime.tableName, RAW_PUTS, CONCURRENCY);
    progress('saga paths, one order at a time');
    const paths = await measureOrderPaths({ runtime, client, meter, skus }, mainRuntimePaths);
    return { http, putsBefore, putsAfter, throughput, paths };
  });
}

async function measureTimeoutRuntime(paths: OrderPath[]): Promise<PathFigures[]> {
  progress('starting a second runtime: async payment timeout 1 s, no webhook');
  const runtime = await startBenchRuntime({ rootDir: root, wiring: appWiring, asyncPaymentTimeoutSeconds: 1, paymentWebhookDelayMs: WEBHOOK_NEVER_MS });
  return withRuntime(runtime, appWiring, [skus.inStock], (client, meter) => measureOrderPaths({ runtime, client, meter, skus }, paths));
}

async function measureFunctions() {
  progress('bundles, floors and module init');
  const bundles = await bundleFunctions(root, appWiring.functions);
  const floors = await bundleFloors(root, appWiring.functions);
  try {
    return measureColdStarts(appWiring, bundles, floors);
  } finally {
    bundles.dispose();
    floors.dispose();
  }
}

async function main(): Promise<void> {
  const main = await measureMainRuntime();
  const timeoutPaths = await measureTimeoutRuntime(paymentTimeoutPaths);
  const functions = await measureFunctions();

  const paths = [...main.paths, ...timeoutPaths];
  const happyPath = paths[0]!;
  // The better of the two raw rates: noise only ever slows DynamoDB Local down, and a higher bound is the stricter test.
  const bestPuts = Math.max(main.putsBefore, main.putsAfter);
  const boundOrdersPerSecond = storageBoundOrdersPerSecond(bestPuts, main.throughput.dynamoDbCallsPerAcceptedOrder);
  const results: BenchResults = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: os.availableParallelism(), cpuModel: os.cpus()[0]?.model ?? 'unknown' },
    http: main.http,
    throughput: main.throughput,
    storageBound: {
      conditionalPutsPerSecond: { before: main.putsBefore, after: main.putsAfter, best: bestPuts },
      apiPathDynamoDbCallsPerOrder: happyPath.apiPathDynamoDbCalls,
      ordersPerSecond: boundOrdersPerSecond,
      ratio: main.throughput.acceptedPerSecond / boundOrdersPerSecond,
    },
    paths,
    functions,
    goals: checkGoals({
      happyPath: { usdPerMillionOrders: happyPath.costPerMillionOrders.total, statesEntered: happyPath.statesEntered },
      functions,
      throughput: {
        acceptedPerSecond: main.throughput.acceptedPerSecond,
        storageBoundOrdersPerSecond: boundOrdersPerSecond,
        dynamoDbCallsPerAcceptedOrder: main.throughput.dynamoDbCallsPerAcceptedOrder,
      },
    }),
    prices: { region: PRICE_REGION, checked: PRICES_CHECKED, table: awsPrices },
    durationSeconds: (Date.now() - benchStarted) / 1000,
  };

  process.stdout.write(formatReport(results));
  process.stdout.write(
    `\nfinished in ${results.durationSeconds.toFixed(0)} s on ${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.node}\n`,
  );
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('written: bench/results.json\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
