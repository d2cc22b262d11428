import { MAX_SAGA_REDRIVES } from '#saga/domain/failed-saga-repair';
import { lambdaContext } from '../support/api-gateway-event';
import { SagaHarness } from './support/saga-harness';

/**
 * The scheduled reconciler with the order saga as an Express workflow: an Express execution cannot be
 * looked up by name or redriven, so a stranded order's saga is started again (every step is idempotent:
 * what was done is not done twice), a few times at most before the order is parked for a person; an
 * order handed over to the (Standard) payment authorization machine is repaired there.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
type Report = { examined: number; started: string[]; restarted: string[]; alreadyStarted: number; redriven: string[]; givenUp: string[]; failed: number };
let reconcile: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Report>;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  saga = await SagaHarness.start('stranded-express', { workflowType: 'express' });
  reconcile = (await import('#saga/handlers/reconcile-stranded-orders')).handler as never;
});
afterAll(async () => saga?.stop());
afterEach(() => saga.functions.reset());

it('starts the saga of an order that never had one, and leaves one waiting in the payment authorization machine alone', async () => {
  await saga.putProduct('SKU-XS', 10);
  await saga.placeOrder('order-x-stranded', [{ sku: 'SKU-XS', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(10) });
  await saga.placeOrder('order-x-waiting', [{ sku: 'SKU-XS', quantity: 1 }], 'tok_async', { createdAt: minutesAgo(8) });
  await saga.startSaga('order-x-waiting');
  await saga.eventually(async () => (await saga.payment('pay-order-x-waiting'))?.sagaTaskToken);

  const first = await reconcile({}, lambdaContext());

  expect(first).toMatchObject({ examined: 2, started: [], restarted: ['order-x-stranded'], alreadyStarted: 1, failed: 0 });
  expect((await saga.finished('order-x-stranded')).execution).toMatchObject({ type: 'EXPRESS', output: { status: 'confirmed' } });
  // The waiting order: still one parent run and one waiting machine, nothing started again.
  expect(saga.stepFunctions.executions({ name: 'order-x-waiting' }).map((execution) => execution.stateMachine)).toEqual([
    'orderSaga',
    'orderPaymentAuthorization',
  ]);

  await saga.deliverWebhook('payment.authorized', 'pay-order-x-waiting');
  expect((await saga.finished('order-x-waiting')).execution.output).toMatchObject({ status: 'confirmed' });
  // Nothing pending any more: the next runs start nothing.
  const [again, andAgain] = await Promise.all([reconcile({}, lambdaContext()), reconcile({}, lambdaContext())]);
  expect([again.restarted, andAgain.restarted]).toEqual([[], []]);
  expect(saga.stepFunctions.executions({ name: 'order-x-stranded' })).toHaveLength(1);
  expect(await saga.stock('SKU-XS')).toBe(8);
  expect(await saga.accountedStock('SKU-XS', ['order-x-stranded', 'order-x-waiting'])).toBe(10);
});

it('starts a failed saga again instead of redriving it: the order confirms, stock reserved once, the payment captured once', async () => {
  await saga.putProduct('SKU-XF', 5);
  await saga.placeOrder('order-x-failed', [{ sku: 'SKU-XF', quantity: 2 }], 'tok_visa', { createdAt: minutesAgo(12) });
  // An error no Retry or Catch names: the execution fails at TakePayment, after the stock was reserved.
  saga.functions.fail('takePayment', 'SagaInvariantViolated', 1);
  expect((await saga.runSaga('order-x-failed')).execution).toMatchObject({ status: 'FAILED', type: 'EXPRESS' });

  const report = await reconcile({}, lambdaContext());

  expect(report).toMatchObject({ restarted: ['order-x-failed'], redriven: [], givenUp: [], failed: 0 });
  const runs = await saga.finished('order-x-failed');
  expect(runs.execution.output).toMatchObject({ status: 'confirmed' });
  expect(saga.stepFunctions.executions({ name: 'order-x-failed' }).map((execution) => execution.status)).toEqual(['FAILED', 'SUCCEEDED']);
  expect(await saga.reservation('order-x-failed')).toMatchObject({ status: 'reserved', version: 1 });
  expect(saga.simulator.effects('authorize', 'pay-order-x-failed')).toBe(1);
  expect(saga.simulator.effects('capture', 'pay-order-x-failed')).toBe(1);
  expect(await saga.stock('SKU-XF')).toBe(3);
  expect(await saga.accountedStock('SKU-XF', ['order-x-failed'])).toBe(5);
});

it('that keeps failing is started again a few times, then parked for a person', async () => {
  await saga.putProduct('SKU-XD', 5);
  await saga.placeOrder('order-x-doomed', [{ sku: 'SKU-XD', quantity: 1 }], 'tok_visa', { createdAt: minutesAgo(15) });
  saga.functions.fail('takePayment', 'SagaInvariantViolated', 100);
  expect((await saga.runSaga('order-x-doomed')).execution.status).toBe('FAILED');

  for (let restart = 1; restart <= MAX_SAGA_REDRIVES; restart += 1) {
    expect(await reconcile({}, lambdaContext())).toMatchObject({ restarted: ['order-x-doomed'], givenUp: [] });
    await saga.finished('order-x-doomed');
  }
  expect(await reconcile({}, lambdaContext())).toMatchObject({ restarted: [], givenUp: ['order-x-doomed'] });

  expect(saga.stepFunctions.executions({ name: 'order-x-doomed' })).toHaveLength(1 + MAX_SAGA_REDRIVES);
  expect(await saga.order('order-x-doomed')).toMatchObject({ status: 'pending', gsi3pk: 'ORDER_SAGA_PARKED' });
  // Parked: no longer examined.
  expect((await reconcile({}, lambdaContext())).restarted).toEqual([]);
  expect(saga.simulator.effects('capture', 'pay-order-x-doomed')).toBe(0);
  expect(await saga.accountedStock('SKU-XD', ['order-x-doomed'])).toBe(5);
});
