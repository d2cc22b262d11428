import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PaymentProviderUnavailable } from '#payments/domain/payment-errors';
import type { PaymentProvider, ProviderCall } from '#payments/domain/payment-provider';
import { MAX_STOCK } from '#inventory/domain/product';
import { lambdaContext } from '../support/api-gateway-event';
import { SagaHarness } from './support/saga-harness';

/**
 * Money and stock are never stranded: the compensation asks the provider what really happened (a
 * capture whose answer was lost is refunded, not "voided"), a cancel between the authorization and
 * the capture gets a void, a product that refuses its units back does not hold the money, and
 * whatever the state machines cannot finish (a cancellation machine that fails, a cancel whose stream
 * record is lost) the settlement sweeper finds through the order's queue mark (gsi3) and finishes.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let orderNumber = 0;
let sweep: (
  settings: import('#saga/application/settle-cancelled-orders').SettlementSweepSettings,
  provider: PaymentProvider,
) => ReturnType<typeof import('#saga/application/settle-cancelled-orders').settleCancelledOrders>;
let provider: PaymentProvider;

beforeAll(async () => {
  saga = await SagaHarness.start('settlement', { cancellationStream: true });
  const { settleCancelledOrders } = await import('#saga/application/settle-cancelled-orders');
  const ports = {
    orders: (await import('#saga/adapters/saga-order-store')).dynamoDbSagaOrders,
    payments: (await import('#saga/adapters/saga-payment-store')).dynamoDbSagaPayments,
    reservations: (await import('#saga/adapters/stock-reservation-store')).dynamoDbStockReservations,
    awaitingRepair: (await import('#saga/adapters/orders-awaiting-repair')).dynamoDbOrdersAwaitingRepair,
  };
  sweep = (settings, sweepProvider) => settleCancelledOrders(ports, settings, sweepProvider);
  provider = (await import('#payments/adapters/circuit-breaker-payment-provider')).guardedPaymentProvider();
});
afterAll(async () => saga?.stop());
afterEach(() => {
  saga.functions.reset();
  jest.restoreAllMocks();
});

async function givenOrder(token: string, lines: { suffix: string; quantity: number }[] = [{ suffix: 'A', quantity: 2 }], stock = 10) {
  const number = ++orderNumber;
  const skus = lines.map((line) => `SKU-S${number}${line.suffix}`);
  for (const sku of skus) await saga.putProduct(sku, stock);
  const placed = await saga.placeOrder(
    `order-s${number}`,
    lines.map((line, index) => ({ sku: skus[index]!, quantity: line.quantity })),
    token,
  );
  return { ...placed, skus, stock };
}

/** Until the stream consumer and every execution it started are done. */
async function settled(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await saga.streamsSettled();
    await saga.stepFunctions.idle();
  }
}

/** One run of the sweeper, taking every order due at once. */
const sweepNow = () => sweep({ dueAfterSeconds: 0, maxOrders: 100, timeLeftMs: () => 60_000, reserveMs: 0, now: new Date(Date.now() + 1) }, provider);

const setStock = (sku: string, stock: number) =>
  saga.documentClient.send(
    new UpdateCommand({
      TableName: saga.tableName,
      Key: { pk: `PRODUCT#${sku}`, sk: 'PRODUCT' },
      UpdateExpression: 'SET stock = :stock',
      ExpressionAttributeValues: { ':stock': stock },
    }),
  );

describe('the compensation asks the provider what really happened', () => {
  it('a capture that went through but whose answer was lost every time is refunded, not voided', async () => {
    const order = await givenOrder('tok_visa');
    // The provider captures; its answer never arrives (each retry replays the same capture, answer lost again).
    const capture = saga.simulator.capture.bind(saga.simulator);
    jest.spyOn(saga.simulator, 'capture').mockImplementation(async (call: ProviderCall) => {
      await capture(call);
      throw new PaymentProviderUnavailable('The payment provider capture request timed out (answer lost).');
    });

    const run = await saga.runSaga(order.orderId);

    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
    expect(run.attempts.TakePayment).toBe(4);
    expect(run.execution.output).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'payment_unavailable',
      stock: 'released',
      paymentStatus: 'refunded',
    });
    // The provider's own ledger: captured once, refunded once, never voided.
    expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(saga.simulator.effects('void', order.paymentId)).toBe(0);
    expect(saga.simulator.statusOf(order.paymentId)).toBe('refunded');
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    const cancelled = await saga.order(order.orderId);
    expect(cancelled).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(cancelled).not.toHaveProperty('gsi3pk');
    expect(await saga.stock(order.skus[0]!)).toBe(order.stock);
  });

  it('a cancel that commits between the authorization and the capture gets a void, never a capture', async () => {
    const order = await givenOrder('tok_visa');
    const authorize = saga.simulator.authorize.bind(saga.simulator);
    jest.spyOn(saga.simulator, 'authorize').mockImplementation(async (call: ProviderCall) => {
      const answer = await authorize(call);
      // The customer cancels while the saga is between its two provider calls.
      expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
      return answer;
    });

    const run = await saga.runSaga(order.orderId);
    await settled();

    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
    expect(run.execution.output).toMatchObject({ cancellationReason: 'customer_cancelled', stock: 'released', paymentStatus: 'voided' });
    expect(saga.simulator.effects('capture', order.paymentId)).toBe(0);
    expect(saga.simulator.effects('void', order.paymentId)).toBe(1);
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(0);
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'voided' });
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled', payment: { status: 'voided' } });
    expect(await saga.stock(order.skus[0]!)).toBe(order.stock);
  });
});

describe('a stock release that a product refuses', () => {
  it('does not hold the money: the refund is made, the order cancelled and queued; the sweeper releases the stock once the product can take it', async () => {
    // Two lines: the refused one is not the first item of the release's transaction.
    const order = await givenOrder('tok_visa', [
      { suffix: 'A', quantity: 1 },
      { suffix: 'B', quantity: 2 },
    ]);
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    const [skuA, skuB] = order.skus as [string, string];
    // A large stock adjustment after the sale: B can no longer take the 2 units back below MAX_STOCK.
    saga.functions.intercept('compensateOrder', 'before', () => setStock(skuB, MAX_STOCK - 1));

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();

    const [machine] = saga.stepFunctions.executions({ name: order.orderId }).filter((execution) => execution.stateMachine === 'orderCancellation');
    expect(machine).toMatchObject({ status: 'FAILED', error: 'StockReleaseBlocked' });
    // The money is settled regardless.
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' }, gsi3pk: 'ORDER_SETTLEMENT_DUE' });
    expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'reserved' });

    // The sweeper cannot do better while the product refuses: it says so, and keeps the order queued.
    const blocked = await sweepNow();
    expect(blocked.unsettled).toContainEqual({ orderId: order.orderId, error: 'StockReleaseBlocked' });
    expect(await saga.order(order.orderId)).toMatchObject({ gsi3pk: 'ORDER_SETTLEMENT_DUE' });

    // A person brings the stock down; the next sweep gives every unit back, once.
    await setStock(skuB, 100);
    const repaired = await sweepNow();
    expect(repaired.settled).toContain(order.orderId);
    expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released' });
    expect(await saga.stock(skuA)).toBe(order.stock);
    expect(await saga.stock(skuB)).toBe(102);
    expect(await saga.order(order.orderId)).not.toHaveProperty('gsi3pk');
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect((await sweepNow()).examined).toBe(0);
  });
});

describe('the settlement sweeper', () => {
  it('finishes a cancelled order whose cancellation machine failed: refund, stock back, out of the queue', async () => {
    const order = await givenOrder('tok_visa');
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    // An error nothing retries: the cancellation machine fails before compensating anything.
    saga.functions.fail('compensateOrder', 'SagaInvariantViolated', 1);

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();
    expect(saga.stepFunctions.executions({ name: order.orderId }).filter((execution) => execution.stateMachine === 'orderCancellation')).toEqual([
      expect.objectContaining({ status: 'FAILED' }),
    ]);
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'captured' }, gsi3pk: 'ORDER_SETTLEMENT_DUE' });

    const report = await sweepNow();

    expect(report.settled).toContain(order.orderId);
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(await saga.order(order.orderId)).not.toHaveProperty('gsi3pk');
    expect(await saga.stock(order.skus[0]!)).toBe(order.stock);
  });

  it('finds a cancelled order whose stream records went to the on-failure queue (no compensation ever started)', async () => {
    const order = await givenOrder('tok_visa');
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    // Every delivery of the cancel's stream record fails: after its retries the poller gives it up.
    saga.functions.fail('followOrderChanges', 'Runtime.ExitError', 1000);

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();
    expect(saga.functions.callsTo('followOrderChanges').length).toBeGreaterThan(1);
    expect(saga.stepFunctions.executions({ name: order.orderId }).map((execution) => execution.stateMachine)).toEqual(['orderSaga']);
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'captured' });

    expect((await sweepNow()).settled).toContain(order.orderId);
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(await saga.stock(order.skus[0]!)).toBe(order.stock);
  });

  it('reads only what is due; counts what it cannot settle for the alarm, and tries again next run', async () => {
    const order = await givenOrder('tok_visa');
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    saga.functions.fail('followOrderChanges', 'Runtime.ExitError', 1000);
    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();
    const settle = (await import('#saga/handlers/settle-cancelled-orders')).handler as unknown as (
      event: unknown,
      context: unknown,
    ) => Promise<{ settled: string[]; unsettled: { orderId: string }[] }>;
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 60_000 };

    // Not due yet: nobody has tried to settle it for SETTLEMENT_DUE_AFTER_SECONDS.
    process.env.SETTLEMENT_DUE_AFTER_SECONDS = '600';
    expect((await settle({}, context)).settled).not.toContain(order.orderId);

    // Due, but the provider is down: the run counts it for the alarm and leaves it queued.
    process.env.SETTLEMENT_DUE_AFTER_SECONDS = '1';
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refund = jest.spyOn(saga.simulator, 'refund').mockRejectedValue(new PaymentProviderUnavailable('down'));
    const metrics = jest.spyOn(Metrics.prototype, 'addMetric');
    const down = await settle({}, context);
    expect(down.unsettled).toContainEqual(expect.objectContaining({ orderId: order.orderId }));
    expect(metrics).toHaveBeenCalledWith('CancelledOrdersUnsettled', MetricUnit.Count, down.unsettled.length);
    expect(await saga.order(order.orderId)).toMatchObject({ gsi3pk: 'ORDER_SETTLEMENT_DUE' });
    // The failed attempt moved it to the back of the queue: not due again at once.
    expect((await settle({}, context)).unsettled).not.toContainEqual(expect.objectContaining({ orderId: order.orderId }));

    refund.mockRestore();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await settle({}, context)).settled).toContain(order.orderId);
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    delete process.env.SETTLEMENT_DUE_AFTER_SECONDS;
  });
});
