import { apiDocument } from '#platform/application/api-document';
import { apiClient, type ApiCall } from './support/api-client';
import { putProducts } from './support/catalog-fixture';
import { startE2eTarget, type E2eTarget } from './support/e2e-target';
import { eventually } from './support/eventually';
import { orderBody } from './support/order-requests';
import { webhookRequest, WEBHOOK_ROUTE } from './support/payment-webhooks';
import { runScope } from './support/run-scope';
import { settledOrder } from './support/saga-progress';

/**
 * Every route of the API over HTTP, good and bad input, as a black box: against a local runtime this
 * suite starts (the default) or the stage at API_URL (LocalStack, AWS, `npm start`). Every answer is
 * checked against the OpenAPI document.
 */
describe('API routes, end to end', () => {
  const scope = runScope('routes');
  let target: E2eTarget;
  let call: ApiCall;
  const tokens = { alice: '', bob: '', admin: '' };
  const alice = scope.name('alice');
  let skus: Record<'beans' | 'mug' | 'grinder', string>;

  const placeOrder = (
    key: string,
    options: { sku?: string; quantity?: number; paymentToken?: string; token?: string; headers?: Record<string, string> } = {},
  ) =>
    call('POST', '/api/v1/orders', {
      token: options.token ?? tokens.alice,
      body: orderBody(options.sku ?? skus.beans, options.quantity, options.paymentToken),
      headers: { 'idempotency-key': scope.name(key), ...options.headers },
    });

  beforeAll(async () => {
    target = await startE2eTarget();
    call = apiClient(target.url);
    tokens.alice = await target.tokenFor(alice);
    tokens.bob = await target.tokenFor(scope.name('bob'));
    tokens.admin = await target.tokenFor(scope.name('admin'), ['admin']);
    skus = await putProducts(call, tokens.admin, scope, {
      beans: { name: 'Espresso beans 1 kg', price: 2490, stock: 100 },
      mug: { name: 'Ceramic mug', price: 1290, stock: 50 },
      grinder: { name: 'Hand grinder', price: 6900, stock: 10 },
    });
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
  });

  it('serves health and the OpenAPI document without a token', async () => {
    expect(await call('GET', '/api/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const document = await call('GET', '/api/v1/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\.1/);
    // The function serves the document rendered at build time, packaged beside its bundle.
    expect(document.body).toEqual(JSON.parse(JSON.stringify(apiDocument())));
  });

  it('answers CORS from the functions for an allowed origin (every test stage allows http://localhost:5173), and a preflight only where a resource is', async () => {
    const origin = 'http://localhost:5173';
    const allowed = await call('GET', '/api/v1/health', { headers: { origin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(allowed.headers.get('vary')).toBe('Origin');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    expect((await call('GET', '/api/v1/health', { headers: { origin: 'https://elsewhere.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${target.url}/api/v1/products/x`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-Match');
    expect((await fetch(`${target.url}/api/v1/no-such-resource`, { method: 'OPTIONS', headers: { origin } })).status).toBe(404);
  });

  it('asks for a token everywhere else (401 problem+json)', async () => {
    for (const [method, route] of [
      ['GET', '/api/v1/orders'],
      ['GET', '/api/v1/products'],
      ['GET', '/api/v1/payments/x'],
    ]) {
      const answer = await call(method!, route!);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  describe('catalog', () => {
    it('lists and reads products for any signed-in user; unknown sku is 404', async () => {
      const list = await call('GET', '/api/v1/products?limit=2', { token: tokens.alice });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(2);
      const next = await call('GET', `/api/v1/products?limit=2&cursor=${encodeURIComponent(list.body.nextCursor)}`, { token: tokens.alice });
      expect(next.body.items[0].sku > list.body.items[1].sku).toBe(true);
      expect((await call('GET', `/api/v1/products/${skus.mug}`, { token: tokens.bob })).body).toMatchObject({ sku: skus.mug, price: 1290, currency: 'EUR' });
      expect((await call('GET', `/api/v1/products/${scope.name('nope')}`, { token: tokens.bob })).status).toBe(404);
    });

    it('rejects a tampered cursor with 400', async () => {
      const list = await call('GET', '/api/v1/products?limit=1', { token: tokens.alice });
      const tampered = `${list.body.nextCursor.slice(0, -2)}xx`;
      expect((await call('GET', `/api/v1/products?cursor=${encodeURIComponent(tampered)}`, { token: tokens.alice })).status).toBe(400);
    });

    it('lets only admins create, replace and adjust products, each under its precondition; stock never goes below 0', async () => {
      const sku = scope.name('tamper');
      const product = { name: 'Tamper', price: 1500, currency: 'EUR', stock: 2 };
      const put = (body: unknown, headers: Record<string, string>, token = tokens.admin) => call('PUT', `/api/v1/products/${sku}`, { token, body, headers });
      expect((await put(product, { 'if-none-match': '*' }, tokens.alice)).status).toBe(403);
      const created = await put(product, { 'if-none-match': '*' });
      expect(created.status).toBe(201);
      expect((await put(product, { 'if-none-match': '*' })).status).toBe(412);
      expect((await put({ ...product, stock: 3 }, {})).status).toBe(428);
      const replaced = await put({ ...product, stock: 3 }, { 'if-match': created.headers.get('etag')! });
      expect(replaced.status).toBe(200);
      expect((await put({ ...product, stock: 9 }, { 'if-match': created.headers.get('etag')! })).status).toBe(412);
      expect((await put({ ...product, colour: 'red' }, { 'if-match': replaced.headers.get('etag')! })).status).toBe(400);
      expect((await call('GET', `/api/v1/products/${sku}`, { token: tokens.bob, headers: { 'if-none-match': replaced.headers.get('etag')! } })).status).toBe(
        304,
      );
      const adjust = (delta: number, token = tokens.admin) => call('POST', `/api/v1/products/${sku}/stock-adjustments`, { token, body: { delta } });
      expect((await adjust(4)).body).toMatchObject({ stock: 7 });
      expect((await adjust(-8)).status).toBe(409);
      expect((await adjust(0)).status).toBe(400);
      expect((await adjust(1, tokens.alice)).status).toBe(403);
    });

    it('refuses a save based on a read from before an order took stock (412): the sold units stay sold', async () => {
      const [sku] = Object.values(await putProducts(call, tokens.admin, scope, { scarce: { name: 'Scarce', price: 990, stock: 5 } })) as string[];
      const read = await call('GET', `/api/v1/products/${sku}`, { token: tokens.admin });
      const ordered = await placeOrder('lost-update', { sku, quantity: 2 });
      expect((await settledOrder(call, tokens.alice, ordered.body.id)).status).toBe('confirmed');
      const stale = await call('PUT', `/api/v1/products/${sku}`, {
        token: tokens.admin,
        body: { name: 'Scarce', price: 990, currency: 'EUR', stock: 5 },
        headers: { 'if-match': read.headers.get('etag')! },
      });
      expect(stale.status).toBe(412);
      expect((await call('GET', `/api/v1/products/${sku}`, { token: tokens.admin })).body.stock).toBe(3);
    });
  });

  describe('orders', () => {
    it('creates an order once per Idempotency-Key, at catalog prices', async () => {
      const body = orderBody(skus.mug, 3);
      const headers = { 'idempotency-key': scope.name('key-1') };
      const created = await call('POST', '/api/v1/orders', { token: tokens.alice, body, headers });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/v1/orders/${created.body.id}`);
      expect(created.body).toMatchObject({ status: 'pending', totalAmount: 3 * 1290, currency: 'EUR', customerId: alice });
      const replay = await call('POST', '/api/v1/orders', { token: tokens.alice, body, headers });
      expect(replay).toMatchObject({ status: 201, body: { id: created.body.id } });
      expect((await call('POST', '/api/v1/orders', { token: tokens.alice, body: orderBody(skus.mug, 4), headers })).status).toBe(422);
    });

    it('rejects bad input: no key 400, a client-sent price 400 (prices come from the catalog), unknown sku 422', async () => {
      expect((await call('POST', '/api/v1/orders', { token: tokens.alice, body: orderBody(skus.beans) })).status).toBe(400);
      const withPrice = { ...orderBody(skus.beans), items: [{ sku: skus.beans, quantity: 1, unitPrice: 1 }] };
      expect((await call('POST', '/api/v1/orders', { token: tokens.alice, body: withPrice, headers: { 'idempotency-key': scope.name('key-2') } })).status).toBe(
        400,
      );
      expect((await placeOrder('key-3', { sku: scope.name('nope') })).status).toBe(422);
    });

    it("shows a customer their own orders only, filtered by status; someone else's is 404", async () => {
      const created = await placeOrder('own');
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { token: tokens.alice })).status).toBe(200);
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { token: tokens.bob })).status).toBe(404);
      expect((await call('GET', `/api/v1/orders/${created.body.id}`, { token: tokens.admin })).status).toBe(200);
      expect((await call('GET', '/api/v1/orders', { token: tokens.bob })).body.items).toEqual([]);
      // Filter on a status the order keeps: once confirmed, only an admin moves it on.
      expect((await settledOrder(call, tokens.alice, created.body.id)).status).toBe('confirmed');
      // Settled, it holds still: the tag read now is current until an admin ships it.
      const read = await call('GET', `/api/v1/orders/${created.body.id}`, { token: tokens.alice });
      expect(read.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(
        (await call('GET', `/api/v1/orders/${created.body.id}`, { token: tokens.alice, headers: { 'if-none-match': read.headers.get('etag')! } })).status,
      ).toBe(304);
      const ids = async (query: string, token = tokens.alice) =>
        (await call('GET', `/api/v1/orders?${query}`, { token })).body.items.map((o: { id: string }) => o.id);
      expect(await ids('status=confirmed&limit=100')).toContain(created.body.id);
      expect(await ids('status=pending&limit=100')).not.toContain(created.body.id);
      expect(await ids(`customerId=${encodeURIComponent(alice)}`, tokens.admin)).toContain(created.body.id);
      expect((await call('GET', `/api/v1/orders?customerId=${encodeURIComponent(alice)}`, { token: tokens.bob })).status).toBe(403);
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { token: tokens.alice })).body).toMatchObject({ orderId: created.body.id });
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { token: tokens.bob })).status).toBe(404);
    });

    it('cancels an order once (pending or already confirmed), by its owner or an admin; status changes are admin-only and follow the order lifecycle', async () => {
      const created = await placeOrder('cancel');
      expect((await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { token: tokens.bob })).status).toBe(404);
      const cancelled = await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { token: tokens.alice });
      expect(cancelled).toMatchObject({ status: 202, body: { status: 'cancelled', cancellationReason: 'customer_cancelled' } });
      expect((await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { token: tokens.alice })).status).toBe(409);
      expect((await call('PATCH', `/api/v1/orders/${created.body.id}/status`, { token: tokens.alice, body: { status: 'shipped' } })).status).toBe(403);
      expect((await call('PATCH', `/api/v1/orders/${created.body.id}/status`, { token: tokens.admin, body: { status: 'shipped' } })).status).toBe(409);
      const another = await placeOrder('cancel-by-admin');
      expect(await call('POST', `/api/v1/orders/${another.body.id}/cancel`, { token: tokens.admin })).toMatchObject({
        status: 202,
        body: { status: 'cancelled', cancellationReason: 'customer_cancelled' },
      });
    });

    it('ships and delivers a confirmed order (admin), refusing every other transition with 409; shipped and delivered go on the bus', async () => {
      const created = await placeOrder('ship', { headers: { 'x-correlation-id': scope.name('corr-ship') } });
      expect((await settledOrder(call, tokens.alice, created.body.id)).status).toBe('confirmed');
      const patch = (status: string) => call('PATCH', `/api/v1/orders/${created.body.id}/status`, { token: tokens.admin, body: { status } });
      expect((await patch('delivered')).status).toBe(409);
      expect(await patch('shipped')).toMatchObject({ status: 200, body: { id: created.body.id, status: 'shipped' } });
      expect((await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { token: tokens.alice })).status).toBe(409);
      expect(await patch('delivered')).toMatchObject({ status: 200, body: { status: 'delivered' } });
      expect((await patch('shipped')).status).toBe(409);
      await eventually(
        async () => {
          const types = (await target.events.seen()).filter((event) => event.detail.data.orderId === created.body.id).map((event) => event['detail-type']);
          expect(types).toEqual(expect.arrayContaining(['order.confirmed', 'order.shipped', 'order.delivered']));
        },
        { what: `order.shipped and order.delivered of ${created.body.id} on the bus` },
      );
    });
  });

  describe('payments', () => {
    it('refunds a captured payment once, only for admins; nothing to refund is 409', async () => {
      const paid = await placeOrder('refund');
      expect((await settledOrder(call, tokens.alice, paid.body.id)).status).toBe('confirmed');
      const refund = (paymentId: string, token = tokens.admin) => call('POST', `/api/v1/payments/${paymentId}/refund`, { token });
      expect((await refund(paid.body.payment.id, tokens.alice)).status).toBe(403);
      expect(await refund(paid.body.payment.id)).toMatchObject({ status: 202, body: { status: 'refunded' } });
      expect(await refund(paid.body.payment.id)).toMatchObject({ status: 202, body: { status: 'refunded' } });
      const declined = await placeOrder('refund-declined', { paymentToken: 'tok_declined' });
      expect((await settledOrder(call, tokens.alice, declined.body.id)).status).toBe('cancelled');
      expect((await refund(declined.body.payment.id)).status).toBe(409);
    });

    it('rejects an unsigned webhook; with the webhook secret (E2E_WEBHOOK_SECRET on a deployed stack), also a stale one, and acts on a replayed event id once', async () => {
      // tok_async: the saga waits for the provider's webhook; this one, sent first, declines it.
      const created = await placeOrder('hook', { paymentToken: 'tok_async' });
      const event = { id: scope.name('evt-1'), type: 'payment.failed' as const, data: { paymentId: created.body.payment.id, reason: 'card_declined' } };
      const secret = target.webhookSecret;
      // The signed one at once: the provider's own webhook settles the payment a second after it authorizes.
      if (secret !== undefined) expect((await call('POST', WEBHOOK_ROUTE, webhookRequest(event, { secret }))).status).toBe(204);
      expect((await call('POST', WEBHOOK_ROUTE, webhookRequest(event))).status).toBe(401);
      // Authenticated before anything reads the body: not a 400 that would describe a valid event.
      expect((await call('POST', WEBHOOK_ROUTE, { raw: '{"not":"an event"}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
      expect(
        (await call('POST', WEBHOOK_ROUTE, { raw: 'not json', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } })).status,
      ).toBe(401);
      if (secret === undefined) return;
      expect((await call('POST', WEBHOOK_ROUTE, webhookRequest(event, { secret, at: new Date(Date.now() - 10 * 60_000) }))).status).toBe(401);
      // The same event id again: answered, acted on once.
      expect((await call('POST', WEBHOOK_ROUTE, webhookRequest(event, { secret }))).status).toBe(204);
      expect(await settledOrder(call, tokens.alice, created.body.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined' });
      expect((await call('GET', `/api/v1/payments/${created.body.payment.id}`, { token: tokens.alice })).body.status).toBe('declined');
    });
  });

  it('publishes the order events with the request correlation id, no event id twice', async () => {
    const correlationId = scope.name('corr-events');
    const created = await placeOrder('events', { headers: { 'x-correlation-id': correlationId } });
    await call('POST', `/api/v1/orders/${created.body.id}/cancel`, { token: tokens.alice });
    await eventually(
      async () => {
        const events = await target.events.seen();
        const mine = events.filter((event) => event.detail.data.orderId === created.body.id);
        const orderEvents = mine.map((event) => event['detail-type']).filter((type) => type.startsWith('order.'));
        expect(orderEvents[0]).toBe('order.placed');
        expect(orderEvents).toContain('order.cancelled');
        expect(new Set(mine.map((event) => event.detail.correlationId))).toEqual(new Set([correlationId]));
        const ids = events.map((event) => event.detail.id);
        expect(new Set(ids).size).toBe(ids.length);
      },
      { what: `order.placed … order.cancelled of ${created.body.id} on the bus` },
    );
  });

  it('throttles POST /orders at its own stage limit with 429 and Retry-After (where the target enforces stage throttles; LocalStack does not: there only each admitted request placing its own order is checked)', async () => {
    // 100 at once: the stage's POST /orders limit (10/s, burst 16) admits them all only if they trickle
    // in over 8 s, which not even a loaded CI box makes them do (40 did, once).
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => placeOrder(`burst-${i}`, { token: tokens.bob })));
    const placed = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id);
    expect(placed.length).toBeGreaterThan(0);
    expect(new Set(placed).size).toBe(placed.length);
    if (!target.capabilities.throttlesLikeStage) return;
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(Number(throttled[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
