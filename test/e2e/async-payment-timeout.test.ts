import { apiClient, type ApiCall } from './support/api-client';
import { putProducts } from './support/catalog-fixture';
import { startE2eTarget, type E2eTarget } from './support/e2e-target';
import { eventually } from './support/eventually';
import { orderBody } from './support/order-requests';
import { runScope } from './support/run-scope';
import { paymentReaches, settledOrder } from './support/saga-progress';

/**
 * The saga's last path: an async payment whose webhook never comes times out into compensation. Its
 * own target, because the wait must be short and the provider silent: started in process, a 2 s
 * timeout and a provider that never completes tok_async; a deployed stage when
 * E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS says how long its wait is (its simulator never sends webhooks).
 */
const TIMEOUT_SECONDS = 2;

describe('async payment timeout, end to end', () => {
  const scope = runScope('timeout');
  let target: E2eTarget;
  let call: ApiCall;
  let customer: string;
  let sku: string;

  beforeAll(async () => {
    target = await startE2eTarget({ methodThrottles: {}, asyncPaymentTimeoutSeconds: TIMEOUT_SECONDS });
    call = apiClient(target.url);
    customer = await target.tokenFor(scope.name('customer'));
    const admin = await target.tokenFor(scope.name('admin'), ['admin']);
    ({ sku } = await putProducts(call, admin, scope, { sku: { name: 'Pour-over stand', price: 3400, stock: 5 } }));
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
  });

  const stockOf = async () => (await call('GET', `/api/v1/products/${sku}`, { token: customer })).body.stock as number;

  it('cancels payment_unavailable, voids the payment and restocks when the webhook never comes (where the target has a known, short timeout and a silent provider; elsewhere: the order waits with its stock reserved, then is cancelled)', async () => {
    const order = await call('POST', '/api/v1/orders', {
      token: customer,
      body: orderBody(sku, 2, 'tok_async'),
      headers: { 'idempotency-key': scope.name('order') },
    });
    expect(order.status).toBe(201);
    const { id, payment } = order.body as { id: string; payment: { id: string } };
    await eventually(async () => expect(await stockOf()).toBe(3), { what: `stock of ${sku} reserved` });

    const timeoutSeconds = target.capabilities.asyncPaymentTimeoutSeconds;
    if (timeoutSeconds === undefined) {
      expect((await call('GET', `/api/v1/orders/${id}`, { token: customer })).body.status).toBe('pending');
      expect((await call('POST', `/api/v1/orders/${id}/cancel`, { token: customer })).status).toBe(202);
      await eventually(async () => expect(await stockOf()).toBe(5), { what: `stock of ${sku} back to 5` });
      return;
    }
    const final = await settledOrder(call, customer, id, (timeoutSeconds + 30) * 1000);
    expect(final).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_unavailable' });
    await paymentReaches(call, customer, payment.id, 'voided');
    await eventually(async () => expect(await stockOf()).toBe(5), { what: `stock of ${sku} back to 5` });
    const cancelled = await eventually(
      async () => {
        const event = (await target.events.seen()).find((seen) => seen['detail-type'] === 'order.cancelled' && seen.detail.data.orderId === id);
        if (!event) throw new Error(`no order.cancelled for ${id} yet`);
        return event;
      },
      { what: `order.cancelled of ${id}` },
    );
    expect(cancelled.detail.data).toMatchObject({ reason: 'payment_unavailable' });
    if (!target.capabilities.localEndpoints) return;
    // The order saga handed the wait over to the payment authorization machine, which timed out into compensation.
    const runs = await eventually(
      async () => {
        const executions = await target.executionsOf(id);
        expect(executions.map((execution) => [execution.stateMachine, execution.status])).toEqual([
          ['orderSaga', 'SUCCEEDED'],
          ['orderPaymentAuthorization', 'SUCCEEDED'],
        ]);
        return executions;
      },
      { what: `both executions of ${id} succeed` },
    );
    const entered = runs.flatMap((run) =>
      run.history.filter((event) => event.type.endsWith('StateEntered')).map((event) => (event.stateEnteredEventDetails as { name: string }).name),
    );
    expect(entered).toEqual(['ReserveStock', 'TakePayment', 'AwaitPaymentAuthorization', 'Compensate']);
    expect(runs[1]!.history.map((event) => event.type)).toContain('TaskTimedOut');
  }, 90_000);
});
