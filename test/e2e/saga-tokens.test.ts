import path from 'node:path';
import { appWiring } from '../../lib/wiring';
import { localStageSettings } from '../../local/local-stage';
import { publishedRequestValidation } from '../../local/route-request-validation';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { seedThroughApi } from '../../local/seed-catalog';

const root = path.resolve(__dirname, '../..');

/** SPEC §3's payment test tokens, each through the whole local runtime: API → stream → saga → webhook. */
describe('saga outcomes per payment token through the local runtime', () => {
  let runtime: LocalRuntime;
  let customer: string;
  let admin: string;

  const api = async (method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${runtime.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const placeOrder = async (paymentToken: string, sku = 'SKU-1', quantity = 1) => {
    const created = await api('POST', '/api/v1/orders', customer, {
      items: [{ sku, quantity }],
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      payment: { method: 'card', token: paymentToken },
    }, { 'idempotency-key': `tok-${paymentToken}-${sku}-${Date.now()}` });
    expect(created.status).toBe(201);
    return created.body as { id: string; payment: { id: string } };
  };

  /** Waits until the order leaves `pending` (the saga is asynchronous by design). */
  const settled = async (orderId: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const order = await api('GET', `/api/v1/orders/${orderId}`, customer);
      if (order.body.status !== 'pending') return order.body;
      if (Date.now() > deadline) throw new Error(`order ${orderId} still pending`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stockOf = async (sku: string) => (await api('GET', `/api/v1/products/${sku}`, customer)).body.stock as number;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      rootDir: root,
      wiring: appWiring,
      stage: { ...localStageSettings(), logLevel: 'ERROR', methodThrottles: {} },
      port: 0,
      requestValidation: publishedRequestValidation(),
      // Retry waits are scaled down; the async webhook still takes the simulator's ~1 s.
      stepFunctionsDelayScale: 0.01,
    });
    customer = await runtime.issuer.issue({ sub: 'token-tester' });
    admin = await runtime.issuer.issue({ sub: 'root', groups: ['admin'] });
    await seedThroughApi(runtime.url, admin);
  }, 90_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it.each([
    ['tok_visa', 'confirmed', null, 'captured'],
    ['tok_flaky', 'confirmed', null, 'captured'],
    ['tok_async', 'confirmed', null, 'captured'],
    ['tok_declined', 'cancelled', 'payment_declined', 'declined'],
    ['tok_insufficient_funds', 'cancelled', 'payment_declined', 'declined'],
    ['tok_unavailable', 'cancelled', 'payment_unavailable', 'voided'],
  ])('%s ends %s (reason: %s)', async (paymentToken, status, reason, paymentStatus) => {
    const before = await stockOf('SKU-1');
    const order = await placeOrder(paymentToken);
    const final = await settled(order.id);
    expect(final.status).toBe(status);
    expect(final.cancellationReason ?? null).toBe(reason);
    const payment = await api('GET', `/api/v1/payments/${order.payment.id}`, customer);
    expect(payment.body.status).toBe(paymentStatus);
    // Stock is conserved: taken for a confirmed order, given back for a cancelled one.
    expect(await stockOf('SKU-1')).toBe(status === 'confirmed' ? before - 1 : before);
  }, 30_000);

  it("shows an order's whole life on the bus: placed, reserved, paid, confirmed — one correlation id, no id twice", async () => {
    const created = await api('POST', '/api/v1/orders', customer, {
      items: [{ sku: 'SKU-3', quantity: 1 }],
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      payment: { method: 'card', token: 'tok_visa' },
    }, { 'idempotency-key': 'life-1', 'x-correlation-id': 'corr-life-1' });
    expect((await settled(created.body.id)).status).toBe('confirmed');
    await runtime.idle();
    type Carried = { 'detail-type': string; source: string; detail: { id: string; version: number; occurredAt: string; correlationId: string } };
    const events = (await (await fetch(`${runtime.url}/_local/events`)).json()) as Carried[];
    const life = events.filter((event) => event.detail.correlationId === 'corr-life-1');
    expect(life.map((event) => event['detail-type'])).toEqual(['order.placed', 'inventory.reserved', 'payment.authorized', 'payment.captured', 'order.confirmed']);
    expect(life.map((event) => event.source)).toEqual(['ordersaga.orders', 'ordersaga.inventory', 'ordersaga.payments', 'ordersaga.payments', 'ordersaga.orders']);
    for (const event of life) expect(event.detail).toMatchObject({ version: expect.any(Number), id: expect.any(String), occurredAt: expect.any(String) });
    const ids = events.map((event) => event.detail.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 30_000);

  it('cancels with out_of_stock when the catalog cannot cover the order, leaving stock untouched', async () => {
    const before = await stockOf('SKU-5');
    const order = await placeOrder('tok_visa', 'SKU-5', before + 1);
    expect(await settled(order.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'out_of_stock' });
    expect(await stockOf('SKU-5')).toBe(before);
  }, 30_000);

  it('refunds and restocks when a confirmed order is cancelled', async () => {
    const before = await stockOf('SKU-2');
    const order = await placeOrder('tok_visa', 'SKU-2', 2);
    expect((await settled(order.id)).status).toBe('confirmed');
    expect(await stockOf('SKU-2')).toBe(before - 2);
    expect((await api('POST', `/api/v1/orders/${order.id}/cancel`, customer)).status).toBe(202);
    const deadline = Date.now() + 20_000;
    while ((await api('GET', `/api/v1/payments/${order.payment.id}`, customer)).body.status !== 'refunded') {
      if (Date.now() > deadline) throw new Error('payment never refunded');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await stockOf('SKU-2')).toBe(before);
    const executions = (await (await fetch(`${runtime.url}/_local/executions/${order.id}`)).json()) as { status: string }[];
    expect(executions.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  }, 30_000);
});
