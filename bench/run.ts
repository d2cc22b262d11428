/**
 * `npm run bench`: figures, not tests. Starts the local runtime (throttling lifted: it measures the
 * runtime, not the stage's limits), then measures HTTP latency and throughput through the front
 * door, DynamoDB Local's raw conditional-put rate in the same run, and each function's bundle size
 * and module-init time. Prints a table and writes bench/results.json.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appWiring } from '../lib/wiring';
import { localDynamoDbClientConfig } from '../local/dynamodb/client-config';
import { bundleFunctions } from '../local/lambda/function-bundler';
import { localStageSettings } from '../local/local-stage';
import { publishedRequestValidation } from '../local/route-request-validation';
import { startLocalRuntime } from '../local/runtime';
import { seedThroughApi } from '../local/seed-catalog';
import { measureColdStarts } from './function-cold-start';
import { measureSagaStates } from './saga-states';
import { formatTable, percentile, runConcurrently } from './stats';

const root = path.resolve(__dirname, '..');
const CONCURRENCY = 16;
const REQUESTS = 2000;

async function main(): Promise<void> {
  const stage = { ...localStageSettings(), logLevel: 'WARN', throttle: { rateLimit: 1e6, burstLimit: 1e6 }, methodThrottles: {} };
  const runtime = await startLocalRuntime({ rootDir: root, wiring: appWiring, stage, port: 0, requestValidation: publishedRequestValidation() });
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, concurrency: CONCURRENCY };
  try {
    const admin = await runtime.issuer.issue({ sub: 'bench-admin', groups: ['admin'] });
    await seedThroughApi(runtime.url, admin);
    const customer = await runtime.issuer.issue({ sub: 'bench-customer' });

    const http: Record<string, string | number>[] = [];
    const routes = [
      { name: 'GET /api/v1/health', url: `${runtime.url}/api/v1/health`, headers: {} },
      { name: 'GET /api/v1/products/{sku}', url: `${runtime.url}/api/v1/products/SKU-1`, headers: { authorization: `Bearer ${customer}` } },
    ];
    for (const route of routes) {
      await runConcurrently(200, CONCURRENCY, async () => void (await (await fetch(route.url, { headers: route.headers })).arrayBuffer())); // warm-up
      const { latencies, elapsedMs } = await runConcurrently(REQUESTS, CONCURRENCY, async () => {
        const response = await fetch(route.url, { headers: route.headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${route.name}: ${response.status}`);
      });
      http.push({ route: route.name, 'req/s': (REQUESTS / elapsedMs) * 1000, 'p50 ms': percentile(latencies, 50), 'p95 ms': percentile(latencies, 95), 'p99 ms': percentile(latencies, 99) });
    }
    results.http = http;

    const client = new DynamoDBClient(localDynamoDbClientConfig(runtime.dynamoDbEndpoint));
    const { elapsedMs } = await runConcurrently(REQUESTS, CONCURRENCY, async (i) => {
      await client.send(
        new PutItemCommand({
          TableName: runtime.tableName,
          Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'BENCH' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    });
    client.destroy();
    results.dynamoDbLocalConditionalPutsPerSecond = (REQUESTS / elapsedMs) * 1000;
  } finally {
    await runtime.stop();
  }

  results.sagaStates = await measureSagaStates(root);

  const bundles = await bundleFunctions(root, appWiring.functions);
  try {
    results.functions = measureColdStarts(appWiring, bundles);
  } finally {
    bundles.dispose();
  }

  process.stdout.write(`\nHTTP through the local front door (${CONCURRENCY} concurrent clients, ${REQUESTS} requests)\n`);
  process.stdout.write(`${formatTable(results.http as Record<string, string | number>[])}\n`);
  process.stdout.write(`\nDynamoDB Local raw conditional PutItem: ${(results.dynamoDbLocalConditionalPutsPerSecond as number).toFixed(0)}/s at ${CONCURRENCY} concurrent\n`);
  process.stdout.write(`\nFunctions: bundle size and module-init time (median of 10 fresh node processes)\n`);
  process.stdout.write(`${formatTable(results.functions as Record<string, string | number>[])}\n`);
  process.stdout.write(`\nOrder saga: states entered and Standard transition cost per path\n`);
  process.stdout.write(`${formatTable((results.sagaStates as Record<string, string | number>[]).map(({ path: sagaPath, outcome, statesEntered, transitions, usdPerMillionOrders }) => ({ path: sagaPath, outcome, statesEntered, transitions, 'USD per 1M orders': usdPerMillionOrders })))}\n`);
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('\nwritten: bench/results.json\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
