import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { localStageSettings } from '#local/local-stage';
import { publishedRequestValidation } from '#local/route-request-validation';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';
import { ORDER_SAGA_ID } from '#contracts/state-machines';
import { orderBody, ShopClient } from '../../invariants/support/shop-client';

const root = path.resolve(__dirname, '../../..');

/** The rule target that receives `order.confirmed`: the customer's notification, whatever its function is called. */
const confirmationSubscriber = (): string => {
  const example = { source: 'ordersaga.orders', 'detail-type': 'order.confirmed', detail: {} };
  const rule = appWiring.eventRules.find(
    (candidate) => matchesEventPattern(candidate.eventPattern, example) && candidate.targets.some((t) => t.kind === 'function'),
  );
  const target = rule!.targets.find((t) => t.kind === 'function');
  return (target as { functionId: string }).functionId;
};

/**
 * Where the application meets AWS behaviour the local runtime used to be kinder about, on the whole
 * app: Lambda throttling a saga step past its reserved concurrency (the state machine retries
 * `Lambda.TooManyRequestsException`), an event rule invoking a throttled subscriber asynchronously
 * (Lambda keeps the events and gives up on them by age, into the function's on-failure destination,
 * never the rule's dead-letter queue), and PutEvents failing part of the outbox's entries (the outbox
 * resends them; nothing is lost).
 */
describe('the app on a runtime that behaves like AWS where it matters', () => {
  let runtime: LocalRuntime;
  let shop: ShopClient;
  let admin: string;
  const subscriber = confirmationSubscriber();

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      rootDir: root,
      wiring: appWiring,
      stage: { ...localStageSettings(), logLevel: 'ERROR', methodThrottles: {} },
      port: 0,
      requestValidation: publishedRequestValidation(),
      // The saga's retry waits as written (1 s, 2 s, 4 s, 8 s with full jitter): sixteen sagas meeting a
      // reserved concurrency of 2 need that much room to get through in four retries, as they would on AWS.
      stepFunctionsDelayScale: 1,
      eventRetryBaseDelayMs: 10,
      // Lambda's six hours of event age become about two seconds.
      lambdaAsyncDelayScale: 0.0001,
      lambdaConcurrency: { reserved: { reserveStock: 2, [subscriber]: 0 } },
    });
    shop = new ShopClient(runtime);
    admin = await runtime.issuer.issue({ sub: 'fidelity-admin', groups: ['admin'] });
  }, 90_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it('throttles ReserveStock past its reserved concurrency, and the saga retries it: every order confirms', async () => {
    await shop.putProduct(admin, 'THROTTLE-1', 100);
    const buyer = await runtime.issuer.issue({ sub: 'throttled-buyer' });
    // A warm sandbox first, so the burst below meets throttling rather than a cold start.
    await shop.placeOrder(buyer, 'throttle-warm', orderBody([{ sku: 'THROTTLE-1', quantity: 1 }], 'tok_visa'));
    await shop.settledOrders([buyer], 30_000);

    const placements = await Promise.all(
      Array.from({ length: 16 }, (_, index) => shop.placeOrder(buyer, `throttle-${index}`, orderBody([{ sku: 'THROTTLE-1', quantity: 1 }], 'tok_visa'))),
    );
    expect(placements.map((placement) => placement.final.status)).toEqual(placements.map(() => 201));
    const orders = await shop.settledOrders([buyer], 60_000);
    expect(orders.map((order) => order.status)).toEqual(orders.map(() => 'confirmed'));

    const histories = (await Promise.all(orders.map((order) => shop.executionsOf(order.id))))
      .flat()
      .filter((execution) => execution.stateMachine === ORDER_SAGA_ID)
      .flatMap((execution) => execution.history);
    const throttled = histories.filter((event) => event.type === 'TaskFailed' && JSON.stringify(event).includes('Lambda.TooManyRequestsException'));
    expect(throttled.length).toBeGreaterThan(0);
  }, 120_000);

  it("a subscriber Lambda throttles keeps its events in Lambda's queue, then gives them up by age to its on-failure destination, not the rule's DLQ", async () => {
    await runtime.idle();
    const confirmed = runtime.bus.carriedEvents({ detailType: 'order.confirmed' }).map((event) => (event.detail as { id: string }).id);
    expect(confirmed.length).toBeGreaterThan(0);
    const failures = runtime.functions.asyncFailures(subscriber);
    const given = failures.map((record) => (record.requestPayload as { detail: { id: string } }).detail.id);
    expect(given).toEqual(expect.arrayContaining(confirmed));
    for (const record of failures) {
      expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 });
      expect(record).not.toHaveProperty('responsePayload');
    }
    expect(runtime.bus.deadLetters()).toEqual([]);
  }, 60_000);

  it('the outbox resends the entries PutEvents failed: every change of every order is still announced', async () => {
    await shop.putProduct(admin, 'PARTIAL-1', 100);
    const buyer = await runtime.issuer.issue({ sub: 'partial-buyer' });
    runtime.bus.entryFailureRate = 0.3;
    const failedBefore = runtime.bus.injectedEntryFailures;
    try {
      const placements = await Promise.all(
        Array.from({ length: 5 }, (_, index) => shop.placeOrder(buyer, `partial-${index}`, orderBody([{ sku: 'PARTIAL-1', quantity: 1 }], 'tok_visa'))),
      );
      expect(placements.map((placement) => placement.final.status)).toEqual(placements.map(() => 201));
      const orders = await shop.settledOrders([buyer], 60_000);
      await runtime.idle();
      expect(runtime.bus.injectedEntryFailures).toBeGreaterThan(failedBefore);

      const announced = (orderId: string) =>
        new Set(
          runtime.bus
            .carriedEvents()
            .filter((event) => (event.detail as { data: { orderId?: string } }).data.orderId === orderId)
            .map((event) => event['detail-type']),
        );
      for (const order of orders) {
        expect({ order: order.id, status: order.status, events: [...announced(order.id)].sort() }).toEqual({
          order: order.id,
          status: 'confirmed',
          events: ['inventory.reserved', 'order.confirmed', 'order.placed', 'payment.authorized', 'payment.captured'],
        });
      }
    } finally {
      runtime.bus.entryFailureRate = 0;
    }
  }, 120_000);
});
