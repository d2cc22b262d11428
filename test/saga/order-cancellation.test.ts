import { SagaHarness } from './support/saga-harness';

/**
 * Customer cancels (POST /orders/{id}/cancel through the orders context's real handler) and how the
 * compensation follows through the table's stream: the running saga compensates a pending order, the
 * orderCancellation state machine a confirmed one; a cancel racing the saga's confirm ends in one
 * consistent state.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let orderNumber = 0;

beforeAll(async () => {
  saga = await SagaHarness.start('cancel', { cancellationStream: true });
});
afterAll(async () => saga?.stop());
beforeEach(() => saga.functions.reset());

async function givenOrder(token: string, { stock = 10, quantity = 2 } = {}) {
  const number = ++orderNumber;
  const sku = `SKU-C${number}`;
  await saga.putProduct(sku, stock);
  const placed = await saga.placeOrder(`order-c${number}`, [{ sku, quantity }], token);
  return { ...placed, sku, stock, quantity };
}

const body = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;

/** Until the stream consumer and every execution it started are done. */
async function settled(): Promise<void> {
  await saga.streamsSettled();
  await saga.stepFunctions.idle();
  await saga.streamsSettled();
  await saga.stepFunctions.idle();
}

describe('cancel while pending', () => {
  it('before the saga ran: the saga finds it cancelled, reserves nothing and voids the untouched payment', async () => {
    const order = await givenOrder('tok_visa');

    const answer = await saga.cancelAsCustomer(order.orderId, order.customerId);
    expect(answer.statusCode).toBe(202);
    expect(body(answer)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled' });
    await settled();
    const run = await saga.runSaga(order.orderId);

    expect(run.statesEntered).toEqual(['ReserveStock', 'Compensate']);
    expect(run.execution.output).toMatchObject({ cancellationReason: 'customer_cancelled', stock: 'nothing-reserved', paymentStatus: 'voided' });
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled', payment: { status: 'voided' } });
    // Closed with nothing in it, so that a late run of the same saga cannot reserve for a cancelled order.
    expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', items: [] });
    expect(saga.simulator.calls({ paymentId: order.paymentId })).toHaveLength(0);
    expect(await saga.stock(order.sku)).toBe(order.stock);
    // A confirmed order's compensation machine was not started for it.
    expect(saga.stepFunctions.executions({ name: order.orderId }).map((execution) => execution.stateMachine)).toEqual(['orderSaga']);
  });

  it('after its saga had failed: the cancel redrives the saga, whose failed step sees the cancel and compensates', async () => {
    const order = await givenOrder('tok_visa');
    // Fails at TakePayment, after the stock was reserved and before any payment call.
    saga.functions.fail('takePayment', 'SagaInvariantViolated', 1);
    expect((await saga.runSaga(order.orderId)).execution).toMatchObject({ status: 'FAILED' });
    expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();
    const run = await saga.finished(order.orderId);

    expect(run.execution).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'TakePayment', 'Compensate']);
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled', payment: { status: 'voided' } });
    expect(saga.simulator.effects('authorize', order.paymentId)).toBe(0);
    expect(saga.simulator.effects('capture', order.paymentId)).toBe(0);
    expect(await saga.stock(order.sku)).toBe(order.stock);
  });

  it('while the saga waits for an asynchronous payment: the wait ends at once and the saga voids and releases', async () => {
    const order = await givenOrder('tok_async');
    await saga.startSaga(order.orderId);
    await saga.eventually(async () => (await saga.payment(order.paymentId))?.sagaTaskToken);
    expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    const run = await saga.finished(order.orderId);

    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'AwaitPaymentAuthorization', 'Compensate']);
    const failed = run.execution.history.filter((event) => event.type === 'TaskFailed').at(-1) as { taskFailedEventDetails?: { error?: string } };
    expect(failed.taskFailedEventDetails?.error).toBe('OrderCancelled');
    expect(run.execution.output).toMatchObject({ cancellationReason: 'customer_cancelled', stock: 'released', paymentStatus: 'voided' });
    expect(saga.simulator.effects('void', order.paymentId)).toBe(1);
    expect(await saga.stock(order.sku)).toBe(order.stock);
  });
});

describe('cancel a confirmed order', () => {
  it('starts the cancellation machine, which refunds the payment and releases the stock once', async () => {
    const order = await givenOrder('tok_visa');
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);

    const answer = await saga.cancelAsCustomer(order.orderId, order.customerId);
    expect(answer.statusCode).toBe(202);
    await settled();
    const cancellation = await saga.finished(order.orderId, 'orderCancellation');

    expect(cancellation.execution.status).toBe('SUCCEEDED');
    expect(cancellation.statesEntered).toEqual(['CompensateCancelledOrder']);
    expect(cancellation.execution.output).toMatchObject({ cancellationReason: 'customer_cancelled', stock: 'released', paymentStatus: 'refunded' });
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled', payment: { status: 'refunded' } });
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(await saga.stock(order.sku)).toBe(order.stock);

    // A second cancel is refused (409) and starts nothing.
    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(409);
    await settled();
    expect(saga.stepFunctions.executions({ name: order.orderId })).toHaveLength(2);
  });
  it('refunds even through a provider outage longer than its retries: it waits and compensates again', async () => {
    const order = await givenOrder('tok_visa');
    expect((await saga.runSaga(order.orderId)).execution.output).toMatchObject({ status: 'confirmed' });
    // The provider is down for longer than the cancellation's 1 + 8 attempts.
    saga.functions.fail('compensateOrder', 'PaymentProviderUnavailable', 11);

    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
    await settled();
    const cancellation = await saga.finished(order.orderId, 'orderCancellation');

    expect(cancellation.execution.status).toBe('SUCCEEDED');
    expect(cancellation.statesEntered).toEqual(['CompensateCancelledOrder', 'AwaitProviderToSettlePayment', 'CompensateCancelledOrder']);
    expect(cancellation.execution.output).toMatchObject({ cancellationReason: 'customer_cancelled', stock: 'released', paymentStatus: 'refunded' });
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'refunded' });
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
    expect(await saga.stock(order.sku)).toBe(order.stock);
  });
});

describe('a cancel racing the saga', () => {
  /** Each order ends cancelled by its customer, its stock back on the shelf, its money not kept (captured at most once, refunded as often). */
  async function expectCompensated(order: Awaited<ReturnType<typeof givenOrder>>) {
    expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled' });
    const payment = await saga.payment(order.paymentId);
    expect(['voided', 'refunded']).toContain(payment?.status);
    expect(saga.simulator.effects('capture', order.paymentId)).toBeLessThanOrEqual(1);
    expect(saga.simulator.effects('refund', order.paymentId)).toBe(saga.simulator.effects('capture', order.paymentId));
    expect((await saga.reservation(order.orderId))?.status ?? 'none').not.toBe('reserved');
    expect(await saga.stock(order.sku)).toBe(order.stock);
    expect(saga.stepFunctions.executions({ name: order.orderId }).every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
  }

  const cancel = (order: Awaited<ReturnType<typeof givenOrder>>) => async () => {
    expect((await saga.cancelAsCustomer(order.orderId, order.customerId)).statusCode).toBe(202);
  };

  it('cancelled just before the payment: nothing is charged, the stock is released', async () => {
    const order = await givenOrder('tok_visa');
    saga.functions.intercept('takePayment', 'before', cancel(order));

    const run = await saga.runSaga(order.orderId);
    await settled();

    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
    expect(saga.simulator.calls({ paymentId: order.paymentId })).toHaveLength(0);
    await expectCompensated(order);
  });

  it('cancelled just before the payment step: the cancel wins, nothing is charged, the saga voids and releases', async () => {
    const order = await givenOrder('tok_visa');
    saga.functions.intercept('takePayment', 'before', cancel(order));

    const run = await saga.runSaga(order.orderId);
    await settled();

    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
    expect(run.execution.output).toMatchObject({ paymentStatus: 'voided', stock: 'released' });
    expect(saga.simulator.effects('capture', order.paymentId)).toBe(0);
    expect(saga.stepFunctions.executions({ name: order.orderId })).toHaveLength(1);
    await expectCompensated(order);
  });

  it('cancelled just after the confirm: the confirm wins, the cancellation machine refunds and releases', async () => {
    const order = await givenOrder('tok_visa');
    saga.functions.intercept('takePayment', 'after', cancel(order));

    await saga.runSaga(order.orderId);
    await settled();

    expect(saga.stepFunctions.executions({ name: order.orderId }).map((execution) => execution.stateMachine)).toEqual(['orderSaga', 'orderCancellation']);
    expect(saga.stepFunctions.executions({ name: order.orderId })[0]!.output).toMatchObject({ status: 'confirmed' });
    await expectCompensated(order);
  });

  it('cancelled at the same moment as the confirm, again and again: one consistent end every time', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 8; round++) {
      const order = await givenOrder('tok_visa');
      // The customer's cancel and the saga's confirm start together; the conditional writes decide.
      saga.functions.intercept('takePayment', 'during', cancel(order));
      const run = await saga.runSaga(order.orderId);
      await settled();
      winners.push(run.statesEntered.includes('Compensate') ? 'cancel won' : 'confirm won');
      await expectCompensated(order);
    }
    expect(winners).toHaveLength(8);
  });
});
