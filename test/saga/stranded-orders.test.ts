import { lambdaContext } from '../support/api-gateway-event';
import { SagaHarness } from './support/saga-harness';

/**
 * The scheduled reconciler: orders left pending without a saga (the stream start was lost) are found
 * on gsi2 and their saga is started by name, at most once however often the reconciler runs.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let reconcile: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<{ examined: number; started: string[]; alreadyStarted: number; failed: number }>;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  saga = await SagaHarness.start('stranded');
  reconcile = (await import('../../functions/saga/handlers/reconcile-stranded-orders')).handler as never;
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
  expect(saga.stepFunctions.executions({ name: 'order-waiting' })).toHaveLength(1);

  // Run again (and again at once): only the waiting order is still pending; nothing starts twice.
  const [again, andAgain] = await Promise.all([reconcile({}, lambdaContext()), reconcile({}, lambdaContext())]);
  expect(again.started).toEqual([]);
  expect(andAgain.started).toEqual([]);
  expect(saga.stepFunctions.executions({ name: 'order-stranded-1' })).toHaveLength(1);
  expect(saga.stepFunctions.executions({ name: 'order-waiting' })).toHaveLength(1);

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
  const { startExecutionOnce } = await import('../../functions/saga/adapters/execution-starter');
  expect(await startExecutionOnce(process.env.ORDER_SAGA_STATE_MACHINE_ARN!, 'order-ended', { orderId: 'order-ended', correlationId: 'corr-order-ended' })).toBe('already-started');
  expect(saga.stepFunctions.executions({ name: 'order-ended' })).toHaveLength(1);
  expect(await saga.accountedStock('SKU-T', ['order-ended'])).toBe(5);
});
