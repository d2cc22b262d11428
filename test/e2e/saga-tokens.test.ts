import { apiClient, type ApiCall } from './support/api-client';
import type { CarriedEvent } from './support/carried-event';
import { putProducts } from './support/catalog-fixture';
import { startE2eTarget, type E2eTarget } from './support/e2e-target';
import { eventually } from './support/eventually';
import { orderBody } from './support/order-requests';
import { webhookRequest, WEBHOOK_ROUTE } from './support/payment-webhooks';
import { runScope } from './support/run-scope';
import { honouringRetryAfter } from './support/retry-after';
import { paymentReaches, settledOrder } from './support/saga-progress';

/**
 * Every saga path (docs/saga.md) through the whole system (API → stream → saga → provider → webhook →
 * bus), observed from outside: the order, the payment, the stock and the events, plus the saga's own
 * execution history where the target shows it (/_local/executions).
 *
 * The async payment's timeout needs a target of its own (a short wait, a silent provider):
 * async-payment-timeout.test.ts.
 */
describe('saga paths, end to end', () => {
  const scope = runScope('saga');
  let target: E2eTarget;
  let call: ApiCall;
  let customer: string;
  let admin: string;
  let skus: Record<'beans' | 'mug' | 'grinder' | 'kettle' | 'frother', string>;

  let ordersPlaced = 0;
  const placeOrder = async (paymentToken: string, sku: string, quantity = 1, correlationId?: string) => {
    ordersPlaced += 1;
    const created = await honouringRetryAfter(call)('POST', '/api/v1/orders', {
      token: customer,
      body: orderBody(sku, quantity, paymentToken),
      headers: { 'idempotency-key': scope.name(`order-${ordersPlaced}`), ...(correlationId ? { 'x-correlation-id': correlationId } : {}) },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; payment: { id: string } };
  };

  const stockOf = async (sku: string) => (await call('GET', `/api/v1/products/${sku}`, { token: customer })).body.stock as number;

  /** The order's events once `until` is among them (the bus delivers after the API has answered). */
  const eventsOfOrder = (orderId: string, until: (events: CarriedEvent[]) => boolean) =>
    eventually(
      async () => {
        const events = (await target.events.seen()).filter((event) => event.detail.data.orderId === orderId);
        if (!until(events)) throw new Error(`events of order ${orderId} so far: ${events.map((event) => event['detail-type']).join(', ') || 'none'}`);
        return events;
      },
      { what: `the events of order ${orderId}` },
    );

  beforeAll(async () => {
    // Orders are placed back to back here; the POST /orders throttle has its own test (api-routes).
    target = await startE2eTarget({ methodThrottles: {} });
    call = apiClient(target.url);
    customer = await target.tokenFor(scope.name('customer'));
    admin = await target.tokenFor(scope.name('admin'), ['admin']);
    skus = await putProducts(call, admin, scope, {
      beans: { name: 'Espresso beans 1 kg', price: 2490, stock: 100 },
      mug: { name: 'Ceramic mug', price: 1290, stock: 50 },
      grinder: { name: 'Hand grinder', price: 6900, stock: 10 },
      kettle: { name: 'Limited-edition kettle', price: 12900, stock: 1 },
      frother: { name: 'Milk frother', price: 3900, stock: 6 },
    });
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
  });

  it.each([
    ['tok_visa', 'confirmed', null, 'captured', 0],
    ['tok_flaky', 'confirmed', null, 'captured', 2],
    ['tok_declined', 'cancelled', 'payment_declined', 'declined', 0],
    ['tok_insufficient_funds', 'cancelled', 'payment_declined', 'declined', 0],
    // The first attempt and the state machine's 3 retries, then compensation.
    ['tok_unavailable', 'cancelled', 'payment_unavailable', 'voided', 4],
  ])(
    '%s ends %s (reason: %s), payment %s, stock conserved, the outcome on the bus; with /_local/executions: %i failed payment attempts, retried by the state machine',
    async (paymentToken, status, reason, paymentStatus, transientFailures) => {
      const before = await stockOf(skus.beans);
      const order = await placeOrder(paymentToken, skus.beans);
      const final = await settledOrder(call, customer, order.id);
      expect(final.status).toBe(status);
      expect(final.cancellationReason ?? null).toBe(reason);
      expect(await paymentReaches(call, customer, order.payment.id, paymentStatus)).toMatchObject({ orderId: order.id });
      // Stock is conserved: taken for a confirmed order, given back for a cancelled one.
      expect(await stockOf(skus.beans)).toBe(status === 'confirmed' ? before - 1 : before);
      const outcome = status === 'confirmed' ? 'order.confirmed' : 'order.cancelled';
      const events = await eventsOfOrder(order.id, (seen) => seen.some((event) => event['detail-type'] === outcome));
      if (reason) expect(events.find((event) => event['detail-type'] === 'order.cancelled')!.detail.data).toMatchObject({ reason });
      if (!target.capabilities.localEndpoints) return;
      const [saga] = await target.executionsOf(order.id);
      expect(saga!.status).toBe('SUCCEEDED');
      const paymentFailures = saga!.history.filter(
        (event) => event.type === 'TaskFailed' && (event.taskFailedEventDetails as { error?: string }).error === 'PaymentProviderUnavailable',
      );
      expect(paymentFailures).toHaveLength(transientFailures);
    },
    30_000,
  );

  it("tok_async waits for the provider's webhook, then confirms (the local simulator sends it; on a deployed stack the suite does, with E2E_WEBHOOK_SECRET; without it, the order is shown waiting with its stock reserved, then cancelled)", async () => {
    const before = await stockOf(skus.beans);
    const order = await placeOrder('tok_async', skus.beans);
    if (!target.capabilities.simulatorSendsAsyncWebhooks) {
      // As a provider would: the completion comes after the saga asked for the authorization.
      await eventsOfOrder(order.id, (seen) => seen.some((event) => event['detail-type'] === 'inventory.reserved'));
      if (target.webhookSecret === undefined) {
        expect((await call('GET', `/api/v1/orders/${order.id}`, { token: customer })).body.status).toBe('pending');
        expect((await call('GET', `/api/v1/payments/${order.payment.id}`, { token: customer })).body.status).toBe('pending');
        expect(await stockOf(skus.beans)).toBe(before - 1);
        expect((await call('POST', `/api/v1/orders/${order.id}/cancel`, { token: customer })).status).toBe(202);
        return;
      }
      const authorized = { id: scope.name('evt-authorized'), type: 'payment.authorized' as const, data: { paymentId: order.payment.id } };
      expect((await call('POST', WEBHOOK_ROUTE, webhookRequest(authorized, { secret: target.webhookSecret }))).status).toBe(204);
    }
    expect(await settledOrder(call, customer, order.id)).toMatchObject({ status: 'confirmed' });
    expect((await call('GET', `/api/v1/payments/${order.payment.id}`, { token: customer })).body.status).toBe('captured');
    expect(await stockOf(skus.beans)).toBe(before - 1);
  }, 30_000);

  it('cancels with out_of_stock when the catalog cannot cover the order, leaving stock untouched', async () => {
    const before = await stockOf(skus.kettle);
    const order = await placeOrder('tok_visa', skus.kettle, before + 1);
    expect(await settledOrder(call, customer, order.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'out_of_stock' });
    expect(await stockOf(skus.kettle)).toBe(before);
  }, 30_000);

  it('voids the payment and restocks when the customer cancels while the order is pending (the saga waits on tok_async)', async () => {
    const before = await stockOf(skus.mug);
    const order = await placeOrder('tok_async', skus.mug);
    const cancelled = await call('POST', `/api/v1/orders/${order.id}/cancel`, { token: customer });
    expect(cancelled).toMatchObject({ status: 202, body: { status: 'cancelled', cancellationReason: 'customer_cancelled', payment: { status: 'pending' } } });
    await paymentReaches(call, customer, order.payment.id, 'voided');
    await eventually(async () => expect(await stockOf(skus.mug)).toBe(before), { what: `stock of ${skus.mug} back to ${before}` });
    const events = await eventsOfOrder(order.id, (seen) => seen.some((event) => event['detail-type'] === 'order.cancelled'));
    expect(events.find((event) => event['detail-type'] === 'order.cancelled')!.detail.data).toMatchObject({
      reason: 'customer_cancelled',
      previousStatus: 'pending',
    });
  }, 30_000);

  it('refunds and restocks when a confirmed order is cancelled (with /_local/executions: the saga and the cancellation both succeeded)', async () => {
    const before = await stockOf(skus.mug);
    const order = await placeOrder('tok_visa', skus.mug, 2);
    expect((await settledOrder(call, customer, order.id)).status).toBe('confirmed');
    expect(await stockOf(skus.mug)).toBe(before - 2);
    expect((await call('POST', `/api/v1/orders/${order.id}/cancel`, { token: customer })).status).toBe(202);
    await paymentReaches(call, customer, order.payment.id, 'refunded');
    await eventually(async () => expect(await stockOf(skus.mug)).toBe(before), { what: `stock of ${skus.mug} back to ${before}` });
    if (!target.capabilities.localEndpoints) return;
    const executions = await eventually(
      async () => {
        const runs = await target.executionsOf(order.id);
        expect(runs.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
        return runs;
      },
      { what: `both executions of ${order.id} succeed` },
    );
    expect(executions.map((execution) => execution.stateMachine)).toEqual(['orderSaga', 'orderCancellation']);
  }, 30_000);

  it("shows an order's whole life on the bus: placed, reserved, paid, confirmed — one correlation id, no id twice", async () => {
    const correlationId = scope.name('corr-life');
    const order = await placeOrder('tok_visa', skus.grinder, 1, correlationId);
    expect((await settledOrder(call, customer, order.id)).status).toBe('confirmed');
    const { life, all } = await eventually(
      async () => {
        const seen = await target.events.seen();
        const mine = seen.filter((event) => event.detail.correlationId === correlationId);
        if (!mine.some((event) => event['detail-type'] === 'order.confirmed') || mine.length < 5)
          throw new Error(`so far: ${mine.map((event) => event['detail-type']).join(', ')}`);
        return { life: mine, all: seen };
      },
      { what: `the life of order ${order.id} on the bus` },
    );
    expect(life.map((event) => event['detail-type'])).toEqual([
      'order.placed',
      'inventory.reserved',
      'payment.authorized',
      'payment.captured',
      'order.confirmed',
    ]);
    expect(life.map((event) => event.source)).toEqual([
      'ordersaga.orders',
      'ordersaga.inventory',
      'ordersaga.payments',
      'ordersaga.payments',
      'ordersaga.orders',
    ]);
    for (const event of life) expect(event.detail).toMatchObject({ version: expect.any(Number), id: expect.any(String), occurredAt: expect.any(String) });
    const ids = all.map((event) => event.detail.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 30_000);

  it('announces inventory.low_stock when an order takes a product below its threshold', async () => {
    const order = await placeOrder('tok_visa', skus.frother, 2);
    expect((await settledOrder(call, customer, order.id)).status).toBe('confirmed');
    await eventually(
      async () => {
        const lowStock = (await target.events.seen()).filter(
          (event) => event['detail-type'] === 'inventory.low_stock' && event.detail.data.sku === skus.frother,
        );
        expect(lowStock.map((event) => event.detail.data)).toEqual([expect.objectContaining({ sku: skus.frother, stock: 4 })]);
      },
      { what: `inventory.low_stock for ${skus.frother}` },
    );
  }, 30_000);
});
