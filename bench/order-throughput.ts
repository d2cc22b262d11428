/**
 * Local throughput of the whole order flow: createOrder from concurrent clients (happy path,
 * distinct Idempotency-Keys, the load spread over several products), then every saga drained.
 *
 * - accepted/s: 201s ÷ the time from the first request to the last answer;
 * - sagas completed/s: sagas that ended ÷ the time from the first request to the last saga's end;
 * - DynamoDB calls per accepted order: every call the functions and state-machine tasks made from the
 *   first request until everything settled (API path, saga, outbox relay, subscribers) ÷ accepted.
 */
import type { LocalRuntime } from '#local/runtime';
import type { OrderClient } from './order-client';
import type { OrderUsageMeter } from './order-usage-meter';
import { settle } from './settle';
import { percentile, runConcurrently } from './stats';

export interface ThroughputSettings {
  /** At most this many orders... */
  orders: number;
  /** ...and none started after this long (keeps the run's length bounded on a slow machine). */
  stopAfterSeconds: number;
  concurrency: number;
  skus: string[];
  /** Orders placed (and settled) before measuring, so sandboxes and the JVM are warm. */
  warmUpOrders: number;
}

export interface ThroughputFigures {
  /** Orders placed (the count, or fewer when the time box ended first). */
  orders: number;
  timeBoxSeconds: number;
  concurrency: number;
  accepted: number;
  /** Answers other than 201, by status. */
  rejected: Record<string, number>;
  acceptedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  sagasCompleted: number;
  /** Sagas that ended `confirmed` (the rest: anything else, which the happy path should never give). */
  sagasConfirmed: number;
  sagasPerSecond: number;
  /** Wall time from the first request to the last saga's end. */
  drainSeconds: number;
  /** Wall time from the first request until everything the orders set off (events, notifications) was done. */
  settledSeconds: number;
  dynamoDbCalls: number;
  dynamoDbCallsPerAcceptedOrder: number;
  dynamoDbCallsByOperationPerOrder: Record<string, number>;
}

async function placeOrders(client: OrderClient, token: string, settings: ThroughputSettings, total: number, keyPrefix: string, stopAfterMs?: number) {
  const orderIds: string[] = [];
  const rejected: Record<string, number> = {};
  const timing = await runConcurrently(
    total,
    settings.concurrency,
    async (index) => {
      const placed = await client.placeOrder(token, `${keyPrefix}-${index}`, settings.skus[index % settings.skus.length]!, 'tok_visa');
      if (placed.order) orderIds.push(placed.order.id);
      else rejected[placed.status] = (rejected[placed.status] ?? 0) + 1;
    },
    { stopAfterMs },
  );
  return { orderIds, rejected, ...timing };
}

export async function measureOrderThroughput(
  runtime: LocalRuntime,
  client: OrderClient,
  meter: OrderUsageMeter,
  settings: ThroughputSettings,
): Promise<ThroughputFigures> {
  const token = await runtime.issuer.issue({ sub: 'bench-throughput-customer' });
  const settleAll = (orderIds: string[]) => settle(runtime, { orderIds, fingerprint: () => meter.activity(), timeoutMs: 240_000 });

  const warmUp = await placeOrders(client, token, settings, settings.warmUpOrders, 'bench-warm-up');
  await settleAll(warmUp.orderIds);

  meter.reset();
  const startedAt = Date.now();
  const run = await placeOrders(client, token, settings, settings.orders, 'bench-throughput', settings.stopAfterSeconds * 1000);
  await settleAll(run.orderIds);
  const settledSeconds = (Date.now() - startedAt) / 1000;
  const { dynamoDb } = meter.read([]);

  const wanted = new Set(run.orderIds);
  const sagas = runtime.stepFunctions.executions().filter((execution) => wanted.has(execution.name) && execution.stateMachine === 'orderSaga');
  const lastStop = Math.max(...sagas.map((saga) => Date.parse(saga.stopDate ?? saga.startDate)));
  const drainSeconds = (lastStop - startedAt) / 1000;
  const accepted = run.orderIds.length;
  const sagasCompleted = sagas.filter((saga) => saga.status !== 'RUNNING').length;
  return {
    orders: run.completed,
    timeBoxSeconds: settings.stopAfterSeconds,
    concurrency: settings.concurrency,
    accepted,
    rejected: run.rejected,
    acceptedPerSecond: accepted / (run.elapsedMs / 1000),
    latencyMs: { p50: percentile(run.latencies, 50), p95: percentile(run.latencies, 95), p99: percentile(run.latencies, 99) },
    sagasCompleted,
    sagasConfirmed: sagas.filter((saga) => (saga.output as { status?: string } | undefined)?.status === 'confirmed').length,
    sagasPerSecond: sagasCompleted / drainSeconds,
    drainSeconds,
    settledSeconds,
    dynamoDbCalls: dynamoDb.totalCalls,
    dynamoDbCallsPerAcceptedOrder: dynamoDb.totalCalls / accepted,
    dynamoDbCallsByOperationPerOrder: Object.fromEntries(Object.entries(dynamoDb.calls).map(([operation, calls]) => [operation, calls / accepted])),
  };
}
