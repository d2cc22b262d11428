import path from 'node:path';
import { appWiring } from '../../lib/wiring';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../../functions/payments/domain/webhook-signature';
import { localStageSettings } from '../../local/local-stage';
import { publishedRequestValidation } from '../../local/route-request-validation';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { seedThroughApi } from '../../local/seed-catalog';
import { validateResponse } from '../contract/openapi-validator';

const root = path.resolve(__dirname, '../..');
const WEBHOOK_SECRET = 'e2e-webhook-secret';

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Every route of SPEC §2 over HTTP through the local runtime with the real wiring, good and bad input;
 * every answer is checked against the OpenAPI document.
 */
describe('API routes through the local runtime', () => {
  let runtime: LocalRuntime;
  const tokens: Record<'alice' | 'bob' | 'admin', string> = { alice: '', bob: '', admin: '' };

  const call = async (method: string, route: string, options: { as?: keyof typeof tokens; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${tokens[options.as]}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${runtime.url}${route}`, { method, headers, body });
    const text = await response.text();
    const parsed = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
    const problems = validateResponse(method, route.split('?')[0]!, response.status, response.headers, parsed === '' ? undefined : parsed);
    if (problems.length) throw new Error(`${method} ${route} → ${response.status} does not match the OpenAPI document:\n${problems.join('\n')}\n${text}`);
    return { status: response.status, headers: response.headers, body: parsed };
  };

  const orderBody = (sku = 'SKU-1', quantity = 1, token = 'tok_visa') => ({
    items: [{ sku, quantity }],
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    payment: { method: 'card', token },
  });

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      rootDir: root,
      wiring: appWiring,
      stage: { ...localStageSettings(), logLevel: 'ERROR' },
      port: 0,
      requestValidation: publishedRequestValidation(),
      paymentWebhookSecret: WEBHOOK_SECRET,
    });
    tokens.alice = await runtime.issuer.issue({ sub: 'alice' });
    tokens.bob = await runtime.issuer.issue({ sub: 'bob' });
    tokens.admin = await runtime.issuer.issue({ sub: 'root', groups: ['admin'] });
    await seedThroughApi(runtime.url, tokens.admin);
  }, 90_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it('serves health and the OpenAPI document without a token', async () => {
    expect(await call('GET', '/api/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const document = await call('GET', '/api/v1/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\.1/);
  });

  it('asks for a token everywhere else (401 problem+json)', async () => {
    for (const [method, route] of [['GET', '/api/v1/orders'], ['GET', '/api/v1/products'], ['GET', '/api/v1/payments/x']]) {
      const answer = await call(method!, route!);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  describe('catalog', () => {
    it('lists and reads products for any signed-in user; unknown sku is 404', async () => {
      const list = await call('GET', '/api/v1/products?limit=2', { as: 'alice' });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(2);
      const next = await call('GET', `/api/v1/products?limit=2&cursor=${encodeURIComponent(list.body.nextCursor)}`, { as: 'alice' });
      expect(next.body.items[0].sku > list.body.items[1].sku).toBe(true);
      expect((await call('GET', '/api/v1/products/SKU-2', { as: 'bob' })).body).toMatchObject({ sku: 'SKU-2' });
      expect((await call('GET', '/api/v1/products/NOPE', { as: 'bob' })).status).toBe(404);
    });

    it('rejects a tampered cursor with 400', async () => {
      const list = await call('GET', '/api/v1/products?limit=1', { as: 'alice' });
      const tampered = `${list.body.nextCursor.slice(0, -2)}xx`;
      expect((await call('GET', `/api/v1/products?cursor=${encodeURIComponent(tampered)}`, { as: 'alice' })).status).toBe(400);
    });

    it('lets only admins create, replace and adjust products; stock never goes below 0', async () => {
      const product = { name: 'Tamper', price: 1500, currency: 'EUR', stock: 2 };
      expect((await call('PUT', '/api/v1/products/SKU-T', { as: 'alice', body: product })).status).toBe(403);
      expect((await call('PUT', '/api/v1/products/SKU-T', { as: 'admin', body: product })).status).toBe(201);
      expect((await call('PUT', '/api/v1/products/SKU-T', { as: 'admin', body: { ...product, stock: 3 } })).status).toBe(200);
      expect((await call('PUT', '/api/v1/products/SKU-T', { as: 'admin', body: { ...product, colour: 'red' } })).status).toBe(400);
      expect((await call('POST', '/api/v1/products/SKU-T/stock-adjustments', { as: 'admin', body: { delta: 4 } })).body).toMatchObject({ stock: 7 });
      expect((await call('POST', '/api/v1/products/SKU-T/stock-adjustments', { as: 'admin', body: { delta: -8 } })).status).toBe(409);
      expect((await call('POST', '/api/v1/products/SKU-T/stock-adjustments', { as: 'admin', body: { delta: 0 } })).status).toBe(400);
      expect((await call('POST', '/api/v1/products/SKU-T/stock-adjustments', { as: 'alice', body: { delta: 1 } })).status).toBe(403);
    });
  });

  describe('orders', () => {
    it('creates an order once per Idempotency-Key, at catalog prices', async () => {
      const created = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('SKU-2', 3), headers: { 'idempotency-key': 'e2e-1' } });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/v1/orders/${created.body.id}`);
      expect(created.body).toMatchObject({ status: 'pending', totalAmount: 3 * 1290, currency: 'EUR', customerId: 'alice' });
      const replay = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('SKU-2', 3), headers: { 'idempotency-key': 'e2e-1' } });
      expect(replay).toMatchObject({ status: 201, body: { id: created.body.id } });
      expect((await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('SKU-2', 4), headers: { 'idempotency-key': 'e2e-1' } })).status).toBe(422);
    });

    it('rejects bad input: no key 400, a client-sent price 400 (prices come from the catalog), unknown sku 422', async () => {
      expect((await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody() })).status).toBe(400);
      const withPrice = { ...orderBody(), items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1 }] };
      expect((await call('POST', '/api/v1/orders', { as: 'alice', body: withPrice, headers: { 'idempotency-key': 'e2e-2' } })).status).toBe(400);
      expect((await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('NOPE'), headers: { 'idempotency-key': 'e2e-3' } })).status).toBe(422);
    });

    it("shows a customer their own orders only; someone else's is 404", async () => {
      const created = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody(), headers: { 'idempotency-key': 'e2e-own' } });
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { as: 'alice' })).status).toBe(200);
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { as: 'bob' })).status).toBe(404);
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { as: 'admin' })).status).toBe(200);
      const bobs = await call('GET', '/api/v1/orders', { as: 'bob' });
      expect(bobs.body.items).toEqual([]);
      const alices = await call('GET', '/api/v1/orders?status=pending&limit=100', { as: 'alice' });
      expect(alices.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
      const byAdmin = await call('GET', '/api/v1/orders?customerId=alice', { as: 'admin' });
      expect(byAdmin.body.items.length).toBeGreaterThan(0);
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { as: 'alice' })).body).toMatchObject({ orderId: created.body.id });
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { as: 'bob' })).status).toBe(404);
    });

    it('cancels an order once (pending or already confirmed); status changes are admin-only and follow the order lifecycle', async () => {
      const created = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody(), headers: { 'idempotency-key': 'e2e-cancel' } });
      expect((await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { as: 'bob' })).status).toBe(404);
      const cancelled = await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { as: 'alice' });
      expect(cancelled).toMatchObject({ status: 202, body: { status: 'cancelled', cancellationReason: 'customer_cancelled' } });
      expect((await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { as: 'alice' })).status).toBe(409);
      expect((await call('PATCH', `/api/v1/orders/${created.body.id}/status`, { as: 'alice', body: { status: 'shipped' } })).status).toBe(403);
      expect((await call('PATCH', `/api/v1/orders/${created.body.id}/status`, { as: 'admin', body: { status: 'shipped' } })).status).toBe(409);
    });
  });

  /** The saga runs after the response: wait until the order leaves `pending`. */
  const settledOrder = async (orderId: string) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const order = await call('GET', `/api/v1/orders/${orderId}`, { as: 'alice' });
      if (order.body.status !== 'pending') return order.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`order ${orderId} stayed pending`);
  };

  describe('payments', () => {
    it('refunds a captured payment once, only for admins; nothing to refund is 409', async () => {
      const paid = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody(), headers: { 'idempotency-key': 'e2e-refund' } });
      expect((await settledOrder(paid.body.id)).status).toBe('confirmed');
      expect((await call('POST', `/api/v1/payments/${paid.body.payment.id}/refund`, { as: 'alice' })).status).toBe(403);
      expect(await call('POST', `/api/v1/payments/${paid.body.payment.id}/refund`, { as: 'admin' })).toMatchObject({ status: 202, body: { status: 'refunded' } });
      expect(await call('POST', `/api/v1/payments/${paid.body.payment.id}/refund`, { as: 'admin' })).toMatchObject({ status: 202, body: { status: 'refunded' } });
      const declined = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('SKU-1', 1, 'tok_declined'), headers: { 'idempotency-key': 'e2e-refund-declined' } });
      expect((await settledOrder(declined.body.id)).status).toBe('cancelled');
      expect((await call('POST', `/api/v1/payments/${declined.body.payment.id}/refund`, { as: 'admin' })).status).toBe(409);
    });

    it('accepts only signed, fresh webhooks and acts on a replayed event id once', async () => {
      // tok_async: the saga waits for the provider's webhook; this one, sent first, declines it.
      const created = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody('SKU-1', 1, 'tok_async'), headers: { 'idempotency-key': 'e2e-hook' } });
      const raw = JSON.stringify({ id: 'evt-e2e-1', type: 'payment.failed', data: { paymentId: created.body.payment.id, reason: 'card_declined' } });
      const unsigned = await call('POST', '/api/v1/webhooks/payments', { raw, headers: { 'content-type': 'application/json' } });
      expect(unsigned.status).toBe(401);
      const stale = signWebhookPayload(raw, WEBHOOK_SECRET, new Date(Date.now() - 10 * 60_000));
      expect((await call('POST', '/api/v1/webhooks/payments', { raw, headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: stale } })).status).toBe(401);
      const signature = signWebhookPayload(raw, WEBHOOK_SECRET, new Date());
      const headers = { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature };
      expect((await call('POST', '/api/v1/webhooks/payments', { raw, headers })).status).toBe(204);
      expect((await call('POST', '/api/v1/webhooks/payments', { raw, headers })).status).toBe(204);
      expect(await settledOrder(created.body.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined' });
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { as: 'alice' })).body.status).toBe('declined');
    });
  });

  it('publishes the order events with the request correlation id, no event id twice', async () => {
    const created = await call('POST', '/api/v1/orders', { as: 'alice', body: orderBody(), headers: { 'idempotency-key': 'e2e-events', 'x-correlation-id': 'corr-e2e-events' } });
    await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { as: 'alice' });
    await runtime.idle();
    const events = (await (await fetch(`${runtime.url}/_local/events`)).json()) as { 'detail-type': string; detail: { id: string; correlationId: string; data: { orderId?: string } } }[];
    const mine = events.filter((event) => event.detail.data.orderId === created.body.id);
    const orderEvents = mine.map((event) => event['detail-type']).filter((type) => type.startsWith('order.'));
    expect(orderEvents[0]).toBe('order.placed');
    expect(orderEvents).toContain('order.cancelled');
    expect(new Set(mine.map((event) => event.detail.correlationId))).toEqual(new Set(['corr-e2e-events']));
    const ids = events.map((event) => event.detail.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('throttles POST /orders at its own stage limit with 429 and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call('POST', '/api/v1/orders', { as: 'bob', body: orderBody(), headers: { 'idempotency-key': `e2e-burst-${i}` } })),
    );
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(Number(throttled[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
