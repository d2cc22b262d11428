import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '#shared/powertools';
import { MAX_SAGA_REDRIVES } from '#saga/domain/failed-saga-repair';
import { lambdaContext } from '../support/api-gateway-event';
import { describeRun, SagaHarness } from './support/saga-harness';

/**
 * The scheduled reconciler: orders left pending without a saga (the stream start was lost) are found
 * on gsi2 and their saga is started by name, at most once however often the reconciler runs; a saga
 * that failed is redriven from the state that failed, a few times at most.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
type Report = { examined: number; started: string[]; alreadyStarted: number; redriven: string[]; givenUp: string[]; failed: number };
let reconcile: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Report>;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  saga = await SagaHarness.start('stranded');
  reconcile = (await import('#saga/handlers/reconcile-stranded-orders')).handler as never;
});
afterAll(async () => saga?.stop());

it('starts the saga of orders pending past the threshold, once, and leaves recent and running ones alone', async () => {
  await saga.putProduct('SKU-S', 20);
  // Stranded: placed 10 and 30 minutes ago, no saga ever started.
  await saga.placeOrder('order-stranded-1', [{ sku: 'SKU-S', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(10) });
  await saga.placeOrder('order-stranded-2', [{ sku: 'SKU-S', quantity: 1 }], 'tok_declined', { createdAt: minutesAgo(30) });
  // Recent: its saga may simply not have started yet.
  await saga.placeOrder('order-recent', [{ sku: 'SKU-S', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(1) });
  // Old but its saga is running (waiting for an asynchronous payment): not started again.
  await saga.placeOrder('order-waiting', [{ sku: 'SKU-S', quantity: 1 }], 'tok_async', { createdAt: minutesAgo(8) });
  await saga.startSaga('order-waiting');
  await saga.eventually(async () => (await saga.payment('pay-order-waiting'))?.sagaTaskToken);

  const first = await reconcile({}, lambdaContext());

  expect(first).toMatchObject({ examined: 3, failed: 0 });
  expect(first.started.sort()).toEqual(['order-stranded-1', 'order-stranded-2']);
  expect((await saga.finished('order-stranded-1')).execution.output).toMatchObject({ status: 'confirmed' });
  expect((await saga.finished('order-stranded-2')).execution.output).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined' });
  expect(saga.stepFunctions.executions({ name: 'order-recent' })).toHaveLength(0);
  // The saga that handed the order over, and the payment authorization machine that waits.
  expect(saga.stepFunctions.executions({ name: 'order-waiting' }).map((execution) => execution.stateMachine)).toEqual([
    'orderSaga',
    'orderPaymentAuthorization',
  ]);

  // Run again (and again at once): only the waiting order is still pending; nothing starts twice.
  const [again, andAgain] = await Promise.all([reconcile({}, lambdaContext()), reconcile({}, lambdaContext())]);
  expect(again.started).toEqual([]);
  expect(andAgain.started).toEqual([]);
  expect(saga.stepFunctions.executions({ name: 'order-stranded-1' })).toHaveLength(1);
  // The saga that handed the order over, and the payment authorization machine that waits.
  expect(saga.stepFunctions.executions({ name: 'order-waiting' }).map((execution) => execution.stateMachine)).toEqual([
    'orderSaga',
    'orderPaymentAuthorization',
  ]);

  await saga.deliverWebhook('payment.authorized', 'pay-order-waiting');
  expect((await saga.finished('order-waiting')).execution.output).toMatchObject({ status: 'confirmed' });
  expect(await saga.pendingOrderIds()).toEqual(['order-recent']);
  // 20 units: the two confirmed orders hold one each, the declined one gave its unit back.
  const orders = ['order-stranded-1', 'order-stranded-2', 'order-recent', 'order-waiting'];
  expect(await saga.accountedStock('SKU-S', orders)).toBe(20);
  expect(await saga.stock('SKU-S')).toBe(18);
});

it('a saga whose execution already exists is not started again even after it ended', async () => {
  await saga.putProduct('SKU-T', 5);
  await saga.placeOrder('order-ended', [{ sku: 'SKU-T', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(20) });
  await saga.runSaga('order-ended');
  // Pretend the order were still pending (e.g. read before the saga's confirm): the start by name is refused.
  const { stepFunctionsExecutions } = await import('#saga/adapters/step-functions-executions');
  expect(
    await stepFunctionsExecutions.startOnce(process.env.ORDER_SAGA_STATE_MACHINE_ARN!, 'order-ended', {
      orderId: 'order-ended',
      correlationId: 'corr-order-ended',
    }),
  ).toBe('already-started');
  expect(saga.stepFunctions.executions({ name: 'order-ended' })).toHaveLength(1);
  expect(await saga.accountedStock('SKU-T', ['order-ended'])).toBe(5);
});

describe('a saga that failed', () => {
  afterEach(() => {
    saga.functions.reset();
    jest.restoreAllMocks();
  });

  it('is redriven from the failed state: the order ends confirmed, the payment captured once, and nothing runs twice', async () => {
    await saga.putProduct('SKU-R', 5);
    await saga.placeOrder('order-failed', [{ sku: 'SKU-R', quantity: 2 }], 'tok_visa', { createdAt: minutesAgo(12) });
    // An error no Retry or Catch names: the execution fails at TakePayment, after the stock was reserved.
    saga.functions.fail('takePayment', 'SagaInvariantViolated', 1);
    const failed = await saga.runSaga('order-failed');
    expect(failed.execution).toMatchObject({ status: 'FAILED', error: 'SagaInvariantViolated' });
    expect(await saga.order('order-failed')).toMatchObject({ status: 'pending' });

    const report = await reconcile({}, lambdaContext());

    expect(report).toMatchObject({ started: [], redriven: ['order-failed'], givenUp: [], failed: 0 });
    const run = await saga.finished('order-failed');
    expect(run.execution).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, output: { orderId: 'order-failed', status: 'confirmed' } });
    // Continued at TakePayment: stock was reserved once, before the failure, and the payment taken once.
    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'TakePayment']);
    expect(run.attempts).toMatchObject({ ReserveStock: 1, TakePayment: 2 });
    expect(saga.simulator.effects('capture', 'pay-order-failed')).toBe(1);
    expect(await saga.order('order-failed')).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(await saga.stock('SKU-R')).toBe(3);
    expect(await saga.accountedStock('SKU-R', ['order-failed'])).toBe(5);

    // The order is no longer pending: the next run leaves it alone.
    const again = await reconcile({}, lambdaContext());
    expect(again).toMatchObject({ started: [], redriven: [], givenUp: [] });
    expect(saga.stepFunctions.executions({ name: 'order-failed' })).toEqual([expect.objectContaining({ status: 'SUCCEEDED', redriveCount: 1 })]);
  });

  it('that keeps failing is redriven a few times, then given up with an error and the FailedSagasGivenUp metric', async () => {
    await saga.putProduct('SKU-D', 5);
    await saga.placeOrder('order-doomed', [{ sku: 'SKU-D', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(15) });
    saga.functions.fail('takePayment', 'SagaInvariantViolated', 100);
    expect((await saga.runSaga('order-doomed')).execution.status).toBe('FAILED');

    for (let redrive = 1; redrive <= MAX_SAGA_REDRIVES; redrive += 1) {
      expect(await reconcile({}, lambdaContext())).toMatchObject({ redriven: ['order-doomed'], givenUp: [] });
      expect((await saga.finished('order-doomed')).execution).toMatchObject({ status: 'FAILED', redriveCount: redrive });
    }
    const errors = jest.spyOn(logger, 'error');
    // Every Metrics instance: the given-up count goes out under its own `service` dimension (the alarm's).
    const counted = jest.spyOn(Metrics.prototype, 'addMetric');

    const report = await reconcile({}, lambdaContext());

    expect(report).toMatchObject({ redriven: [], givenUp: ['order-doomed'], failed: 0 });
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('not redriven again'),
      expect.objectContaining({ orderId: 'order-doomed', status: 'FAILED', redriveCount: MAX_SAGA_REDRIVES }),
    );
    expect(counted).toHaveBeenCalledWith('FailedSagasGivenUp', MetricUnit.Count, 1);
    expect(counted).toHaveBeenCalledWith('FailedSagasRedriven', MetricUnit.Count, 0);
    const [execution] = saga.stepFunctions.executions({ name: 'order-doomed' });
    expect(execution).toMatchObject({ status: 'FAILED', redriveCount: MAX_SAGA_REDRIVES });
    // 1 + MAX_SAGA_REDRIVES attempts at TakePayment, and no other step ran again; nothing was charged.
    expect(describeRun(execution!).attempts).toEqual({ ReserveStock: 1, TakePayment: 1 + MAX_SAGA_REDRIVES });
    expect(saga.simulator.effects('capture', 'pay-order-doomed')).toBe(0);
    expect(await saga.accountedStock('SKU-D', ['order-doomed'])).toBe(5);
  });
});

describe('more stranded orders than one run examines', () => {
  afterEach(() => saga.functions.reset());

  it("pages through all of them across runs, and parks given-up ones where the alarm and a person see them, out of the reconciler's way", async () => {
    const { reconcileStrandedOrders } = await import('#saga/application/reconcile-stranded-orders');
    const ports = {
      orders: (await import('#saga/adapters/saga-order-store')).dynamoDbSagaOrders,
      pendingOrders: (await import('#saga/adapters/pending-orders')).dynamoDbPendingOrders,
      awaitingRepair: (await import('#saga/adapters/orders-awaiting-repair')).dynamoDbOrdersAwaitingRepair,
      executions: (await import('#saga/adapters/step-functions-executions')).stepFunctionsExecutions,
    };
    const { sagaMachinesFromEnvironment } = await import('#saga/adapters/step-functions-executions');
    const run = () =>
      reconcileStrandedOrders(ports, {
        machines: sagaMachinesFromEnvironment(),
        strandedAfterMinutes: 5,
        maxOrders: 5,
        maxRedrives: 0,
        now: new Date(),
      });
    await saga.putProduct('SKU-P', 100);
    // Eight old orders whose saga failed: the oldest pending ones, more than a run examines.
    saga.functions.fail('takePayment', 'SagaInvariantViolated', 8);
    const givenUp = Array.from({ length: 8 }, (_, index) => `order-given-up-${index}`);
    for (const [index, orderId] of givenUp.entries()) {
      await saga.placeOrder(orderId, [{ sku: 'SKU-P', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(120 - index) });
      expect((await saga.runSaga(orderId)).execution.status).toBe('FAILED');
    }
    // Three newer ones whose saga never started: today's reconciler, reading the oldest 5 every run, never reaches them.
    const stranded = ['order-late-1', 'order-late-2', 'order-late-3'];
    for (const [index, orderId] of stranded.entries())
      await saga.placeOrder(orderId, [{ sku: 'SKU-P', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(30 - index) });

    // Oldest first, from where the last run stopped (a run handles its orders in parallel: compared sorted).
    const sorted = (report: { examined: number; started: string[]; givenUp: string[] }) => ({
      examined: report.examined,
      started: [...report.started].sort(),
      givenUp: [...report.givenUp].sort(),
    });
    const first = await run();
    expect(sorted(first)).toEqual({ examined: 5, started: [], givenUp: givenUp.slice(0, 5) });
    const second = await run();
    expect(sorted(second)).toEqual({ examined: 5, started: stranded.slice(0, 2), givenUp: givenUp.slice(5) });
    const third = await run();
    expect(sorted(third)).toEqual({ examined: 1, started: stranded.slice(2), givenUp: [] });
    expect(third.parked).toBeGreaterThanOrEqual(givenUp.length);

    for (const orderId of stranded) expect((await saga.finished(orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    // Parked for a person (gsi3), still pending, and no longer examined: the next runs find nothing to do.
    for (const orderId of givenUp) expect(await saga.order(orderId)).toMatchObject({ status: 'pending', gsi3pk: 'ORDER_SAGA_PARKED' });
    expect(await run()).toMatchObject({ examined: 0, started: [], givenUp: [] });
    expect(saga.stepFunctions.executions({ name: givenUp[0] })).toEqual([expect.objectContaining({ status: 'FAILED', redriveCount: 0 })]);

    // A person repairs one (here: its saga redriven by hand, and it confirms): it leaves the parked queue.
    await saga.stepFunctions.redriveExecution({ executionArn: saga.stepFunctions.executions({ name: givenUp[0] })[0]!.executionArn });
    expect((await saga.finished(givenUp[0]!)).execution.output).toMatchObject({ status: 'confirmed' });
    expect(await saga.order(givenUp[0]!)).not.toHaveProperty('gsi3pk');
  });
});
