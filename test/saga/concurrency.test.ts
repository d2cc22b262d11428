import { SagaHarness } from './support/saga-harness';
import { lambdaContext } from '../support/api-gateway-event';

/** Many sagas on one product, and one step delivered several times at once: no oversell, nothing done twice. */

jest.setTimeout(120_000);

let saga: SagaHarness;

beforeAll(async () => {
  saga = await SagaHarness.start('concurrency');
});
afterAll(async () => saga?.stop());
beforeEach(() => saga.functions.reset());

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
const handlerOf = async (entry: string) => ((await import(`../../functions/saga/handlers/${entry}`)) as { handler: Handler }).handler;

it('20 concurrent orders on a stock of 5: exactly 5 confirmed, 15 cancelled out_of_stock, stock 0', async () => {
  await saga.putProduct('SKU-HOT', 5);
  const orderIds = Array.from({ length: 20 }, (_, index) => `order-hot-${index}`);
  for (const orderId of orderIds) await saga.placeOrder(orderId, [{ sku: 'SKU-HOT', quantity: 1 }], 'tok_visa');

  const runs = await Promise.all(orderIds.map((orderId) => saga.runSaga(orderId)));

  const outcomes = runs.map((run) => run.execution.output as { status: string; cancellationReason?: string });
  expect(runs.every((run) => run.execution.status === 'SUCCEEDED')).toBe(true);
  expect(outcomes.filter((outcome) => outcome.status === 'confirmed')).toHaveLength(5);
  expect(outcomes.filter((outcome) => outcome.cancellationReason === 'out_of_stock')).toHaveLength(15);
  expect(await saga.stock('SKU-HOT')).toBe(0);
  const orders = await Promise.all(orderIds.map((orderId) => saga.order(orderId)));
  expect(orders.filter((order) => order?.status === 'confirmed')).toHaveLength(5);
  expect(orders.filter((order) => order?.status === 'cancelled' && order.cancellationReason === 'out_of_stock')).toHaveLength(15);
  // Conservation: the 5 confirmed orders hold the 5 units.
  expect(await saga.accountedStock('SKU-HOT', orderIds)).toBe(5);
  // Each confirmed order charged once; no out-of-stock order reached the provider.
  for (const [index, orderId] of orderIds.entries()) {
    expect(saga.simulator.effects('capture', `pay-${orderId}`)).toBe(outcomes[index]!.status === 'confirmed' ? 1 : 0);
  }
});

it('orders of several lines racing for the same products never oversell any of them', async () => {
  await saga.putProduct('SKU-X', 6);
  await saga.putProduct('SKU-Y', 4);
  const orderIds = Array.from({ length: 10 }, (_, index) => `order-xy-${index}`);
  for (const orderId of orderIds)
    await saga.placeOrder(
      orderId,
      [
        { sku: 'SKU-X', quantity: 2 },
        { sku: 'SKU-Y', quantity: 1 },
      ],
      'tok_visa',
    );

  const runs = await Promise.all(orderIds.map((orderId) => saga.runSaga(orderId)));

  const confirmed = runs.filter((run) => (run.execution.output as { status: string }).status === 'confirmed').length;
  expect(confirmed).toBe(3);
  expect(await saga.stock('SKU-X')).toBe(0);
  expect(await saga.stock('SKU-Y')).toBe(1);
  expect(await saga.accountedStock('SKU-X', orderIds)).toBe(6);
  expect(await saga.accountedStock('SKU-Y', orderIds)).toBe(4);
});

it('ReserveStock delivered 5 times at once takes the stock once', async () => {
  await saga.putProduct('SKU-DUP', 10);
  await saga.placeOrder('order-dup', [{ sku: 'SKU-DUP', quantity: 3 }], 'tok_visa');
  const reserveStock = await handlerOf('reserve-stock');

  const answers = await Promise.all(Array.from({ length: 5 }, () => reserveStock({ orderId: 'order-dup', correlationId: 'corr-order-dup' }, lambdaContext())));

  for (const answer of answers)
    expect(answer).toEqual({ orderId: 'order-dup', correlationId: 'corr-order-dup', paymentId: 'pay-order-dup', paymentTimeoutSeconds: 900 });
  expect(await saga.stock('SKU-DUP')).toBe(7);
  expect(await saga.reservation('order-dup')).toMatchObject({ status: 'reserved', version: 1 });
});

it('Compensate delivered 4 times at once releases the stock once and refunds once', async () => {
  await saga.putProduct('SKU-COMP', 10);
  await saga.placeOrder('order-comp', [{ sku: 'SKU-COMP', quantity: 4 }], 'tok_visa');
  expect((await saga.runSaga('order-comp')).execution.output).toMatchObject({ status: 'confirmed' });
  // As when a confirmed order is cancelled: its status changes first (the cancel route), then compensation runs.
  await saga.cancelAsCustomer('order-comp', 'cust-order-comp');
  const compensate = await handlerOf('compensate-order');

  const input = { orderId: 'order-comp', correlationId: 'corr-order-comp', failure: { Error: 'OrderCancelled', Cause: 'customer_cancelled' } };
  const answers = await Promise.allSettled(Array.from({ length: 4 }, () => compensate(input, lambdaContext())));

  // Losers of a transaction race answer StoreBusy (the state machine retries them); one more pass settles them all.
  for (const answer of answers) if (answer.status === 'rejected') expect((answer.reason as Error).name).toBe('StoreBusy');
  expect(await compensate(input, lambdaContext())).toMatchObject({ status: 'cancelled', stock: 'released', paymentStatus: 'refunded' });
  expect(await saga.stock('SKU-COMP')).toBe(10);
  expect(await saga.reservation('order-comp')).toMatchObject({ status: 'released', version: 2 });
  expect(saga.simulator.effects('refund', 'pay-order-comp')).toBe(1);
  expect(await saga.payment('pay-order-comp')).toMatchObject({ status: 'refunded' });
});
