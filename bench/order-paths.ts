/**
 * Cost and states entered per order on each path of the saga (docs/saga.md), from real orders through the
 * local runtime: the real handlers, ASL, bus and table, the payment simulator choosing the path by
 * card token. Orders run one at a time, each by a new customer (so the authorizer runs once per order,
 * as for a customer's first request), and each is metered over its whole life: placing it, whatever
 * the customer does next, the saga, the events and their subscribers, a late webhook.
 */
import type { SagaWorkflowType } from '#contracts/state-machines';
import type { LocalRuntime } from '#local/runtime';
import { costPerMillionOrders, type CostPerMillionOrders, meanUsage, type OrderUsage } from './cost-model';
import type { OrderClient } from './order-client';
import type { MeteredUsage, OrderUsageMeter } from './order-usage-meter';
import { settle } from './settle';

export interface OrderPath {
  name: string;
  /** The simulator's card token (docs/saga.md, "Payment provider"). */
  paymentToken: string;
  /** Orders a product that has no stock. */
  outOfStock?: boolean;
  /** What the customer does once the order is placed. */
  afterPlacing?: 'cancelWhileAwaitingPayment' | 'cancelAfterConfirm';
  /** The order's final `status cancellationReason`. */
  expected: string;
  /** A function whose invocation still belongs to the order after its saga ended (the provider's webhook). */
  lateInvocation?: string;
  orders: number;
  /** Unmeasured orders first, so that cold starts do not count (default 1). */
  warmUpOrders?: number;
}

/**
 * The paths the main runtime measures, in this order. The payment circuit breaker opens after 10
 * transient provider failures a minute (functions/saga/wiring.ts): flaky (2 each) and unavailable (4 each:
 * the call and its 3 retries) run last, unwarmed and few, so that it stays closed.
 */
export const mainRuntimePaths: OrderPath[] = [
  { name: 'happy (tok_visa)', paymentToken: 'tok_visa', expected: 'confirmed', orders: 3 },
  { name: 'out of stock', paymentToken: 'tok_visa', outOfStock: true, expected: 'cancelled out_of_stock', orders: 3 },
  { name: 'declined (tok_declined)', paymentToken: 'tok_declined', expected: 'cancelled payment_declined', orders: 3 },
  { name: 'insufficient funds', paymentToken: 'tok_insufficient_funds', expected: 'cancelled payment_declined', orders: 3 },
  { name: 'async, webhook (tok_async)', paymentToken: 'tok_async', expected: 'confirmed', orders: 3 },
  {
    name: 'cancelled while pending (tok_async)',
    paymentToken: 'tok_async',
    afterPlacing: 'cancelWhileAwaitingPayment',
    expected: 'cancelled customer_cancelled',
    lateInvocation: 'paymentWebhook',
    orders: 3,
  },
  { name: 'cancelled after confirm', paymentToken: 'tok_visa', afterPlacing: 'cancelAfterConfirm', expected: 'cancelled customer_cancelled', orders: 3 },
  { name: 'flaky (tok_flaky)', paymentToken: 'tok_flaky', expected: 'confirmed', orders: 2, warmUpOrders: 0 },
  { name: 'unavailable (tok_unavailable)', paymentToken: 'tok_unavailable', expected: 'cancelled payment_unavailable', orders: 1, warmUpOrders: 0 },
];

/** Needs a runtime whose async payment timeout is shorter than the simulator's webhook delay. */
export const paymentTimeoutPaths: OrderPath[] = [
  { name: 'async, timed out (tok_async, no webhook)', paymentToken: 'tok_async', expected: 'cancelled payment_unavailable', orders: 1 },
];

export interface PathFigures {
  path: string;
  /** The order saga's workflow type in the runtime that measured the path. */
  workflow: SagaWorkflowType;
  /** The orders' final state (`expected` unless something is wrong). */
  outcome: string;
  asExpected: boolean;
  orders: number;
  statesEntered: number;
  /** Per execution: `machine: State → State`. */
  states: string;
  /** Mean per order. */
  usage: OrderUsage;
  dynamoDbCalls: number;
  dynamoDbCallsByOperation: Record<string, number>;
  /** DynamoDB calls made before createOrder answered (the API path); absent if the saga had already started. */
  apiPathDynamoDbCalls?: number;
  invocationsByFunction: Record<string, number>;
  costPerMillionOrders: CostPerMillionOrders;
}

export interface PathRunContext {
  runtime: LocalRuntime;
  client: OrderClient;
  meter: OrderUsageMeter;
  skus: { inStock: string; outOfStock: string };
  workflow: SagaWorkflowType;
}

interface MeasuredOrder {
  metered: MeteredUsage;
  apiPathDynamoDbCalls?: number;
  outcome: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Places one order as customer number `serial` and meters it until everything it set off is done. */
async function runOrder(context: PathRunContext, path: OrderPath, serial: number): Promise<MeasuredOrder> {
  const { runtime, client, meter } = context;
  const customer = await runtime.issuer.issue({ sub: `bench-path-customer-${serial}` });
  meter.reset();
  const placed = await client.placeOrder(customer, `bench-path-${serial}`, path.outOfStock ? context.skus.outOfStock : context.skus.inStock, path.paymentToken);
  if (!placed.order) throw new Error(`${path.name}: createOrder answered ${placed.status}`);
  const orderId = placed.order.id;
  const sagaStarted = runtime.stepFunctions.executions({ name: orderId }).length > 0;
  const apiPathDynamoDbCalls = sagaStarted ? undefined : meter.read([]).dynamoDb.totalCalls;

  const settleOrder = () =>
    settle(runtime, {
      orderIds: [orderId],
      fingerprint: () => meter.activity(),
      timeoutMs: 30_000,
      until: path.lateInvocation ? () => meter.invocationsOf(path.lateInvocation!) > 0 : undefined,
    });
  if (path.afterPlacing === 'cancelWhileAwaitingPayment') {
    // Parked: the await step has stored its task token on the payment, so the cancel can wake the saga.
    await waitFor(() => meter.invocationsOf('awaitPaymentAuthorization') > 0, 10_000, `${orderId} to await its payment`);
    const status = await client.cancelOrder(customer, orderId);
    if (status !== 202) throw new Error(`${path.name}: cancel answered ${status}`);
  } else if (path.afterPlacing === 'cancelAfterConfirm') {
    await settle(runtime, { orderIds: [orderId], fingerprint: () => meter.activity(), timeoutMs: 30_000 });
    const status = await client.cancelOrder(customer, orderId);
    if (status !== 202) throw new Error(`${path.name}: cancel answered ${status}`);
  }
  await settleOrder();
  const metered = meter.read([orderId]);
  // Read after metering: the check's own request is not part of the order's cost.
  const order = await client.getOrder(customer, orderId);
  return { metered, apiPathDynamoDbCalls, outcome: [order.status, order.cancellationReason].filter(Boolean).join(' ') };
}

const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function meanRecord(records: Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
  return Object.fromEntries(keys.map((key) => [key, meanOf(records.map((record) => record[key] ?? 0))]));
}

function pathFigures(path: OrderPath, workflow: SagaWorkflowType, measured: MeasuredOrder[]): PathFigures {
  const usage = meanUsage(measured.map(({ metered }) => metered.usage));
  const apiPathCalls = measured.flatMap(({ apiPathDynamoDbCalls }) => (apiPathDynamoDbCalls === undefined ? [] : [apiPathDynamoDbCalls]));
  const outcomes = [...new Set(measured.map(({ outcome }) => outcome))];
  return {
    path: path.name,
    workflow,
    outcome: outcomes.join(' | '),
    asExpected: outcomes.length === 1 && outcomes[0] === path.expected,
    orders: measured.length,
    statesEntered: meanOf(measured.map(({ metered }) => metered.statesEntered)),
    states: [...new Set(measured.map(({ metered }) => metered.statePaths.join('; ')))].join(' | '),
    usage,
    dynamoDbCalls: meanOf(measured.map(({ metered }) => metered.dynamoDb.totalCalls)),
    dynamoDbCallsByOperation: meanRecord(measured.map(({ metered }) => metered.dynamoDb.calls)),
    apiPathDynamoDbCalls: apiPathCalls.length ? meanOf(apiPathCalls) : undefined,
    invocationsByFunction: meanRecord(
      measured.map(({ metered }) => Object.fromEntries(Object.entries(metered.functions).map(([id, fn]) => [id, fn.invocations]))),
    ),
    costPerMillionOrders: costPerMillionOrders(usage),
  };
}

export async function measureOrderPaths(context: PathRunContext, paths: OrderPath[]): Promise<PathFigures[]> {
  const figures: PathFigures[] = [];
  let serial = 0;
  context.meter.meterDocumentedUnits(true);
  try {
    for (const path of paths) {
      for (let warmUp = 0; warmUp < (path.warmUpOrders ?? 1); warmUp += 1) await runOrder(context, path, ++serial);
      const measured: MeasuredOrder[] = [];
      for (let order = 0; order < path.orders; order += 1) measured.push(await runOrder(context, path, ++serial));
      figures.push(pathFigures(path, context.workflow, measured));
    }
  } finally {
    context.meter.meterDocumentedUnits(false);
  }
  return figures;
}
