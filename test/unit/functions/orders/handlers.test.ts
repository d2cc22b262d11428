import { cancelOrderHandler } from '#orders/handlers/cancel-order';
import { createOrderHandler } from '#orders/handlers/create-order';
import { getOrderHandler } from '#orders/handlers/get-order';
import { listOrdersHandler } from '#orders/handlers/list-orders';
import { updateOrderStatusHandler } from '#orders/handlers/update-order-status';
import type { OrderStatus } from '#orders/domain/order-status';
import { orderSchema } from '#orders/domain/order';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { inMemoryAdapters, resetAdapters } from './support/in-memory-adapters';
import { admin, anOrder, customer, expectProblem, json, orderBody, otherCustomer } from './support/order-fixtures';

// The handlers on in-memory adapters: the HTTP behaviour, with no table.
const adapters = inMemoryAdapters();
const createOrder = createOrderHandler(adapters.ports);
const getOrder = getOrderHandler(adapters.ports);
const listOrders = listOrdersHandler(adapters.ports);
const cancelOrder = cancelOrderHandler(adapters.ports);
const updateOrderStatus = updateOrderStatusHandler(adapters.ports);

process.env.CURSOR_SIGNING_KEY = 'unit-cursor-key';

type Caller = { sub: string; groups?: string[]; email?: string; phoneNumber?: string };
beforeEach(() => resetAdapters(adapters));

const create = (body: unknown, options: { key?: string | null; caller?: Caller | null } = {}) => {
  const key = options.key === undefined ? 'key-1' : options.key;
  return createOrder(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'Idempotency-Key': key }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      caller: options.caller === null ? undefined : (options.caller ?? customer),
    }),
    lambdaContext(),
  );
};
const get = (id: string, caller: Caller = customer, headers: Record<string, string> = {}) =>
  getOrder(
    apiGatewayEvent({ method: 'GET', path: `/api/v1/orders/${id}`, resource: '/api/v1/orders/{id}', pathParameters: { id }, caller, headers }),
    lambdaContext(),
  );
const list = (query: string, caller: Caller = customer) =>
  listOrders(apiGatewayEvent({ method: 'GET', path: '/api/v1/orders', query, caller }), lambdaContext());
const cancel = (id: string, caller: Caller = customer) =>
  cancelOrder(
    apiGatewayEvent({ method: 'POST', path: `/api/v1/orders/${id}/cancel`, resource: '/api/v1/orders/{id}/cancel', pathParameters: { id }, caller }),
    lambdaContext(),
  );
const patchStatus = (id: string, body: unknown, caller: Caller = admin) =>
  updateOrderStatus(
    apiGatewayEvent({
      method: 'PATCH',
      path: `/api/v1/orders/${id}/status`,
      resource: '/api/v1/orders/{id}/status',
      pathParameters: { id },
      body: JSON.stringify(body),
      caller,
    }),
    lambdaContext(),
  );
const seeded = (fields: Parameters<typeof anOrder>[0] = {}) => {
  const order = anOrder(fields);
  adapters.repository.seed(order);
  return order;
};

describe('POST /orders', () => {
  it('answers 201 with the pending order, priced from the catalog, and its Location', async () => {
    const response = await create(orderBody());
    expect(response.statusCode).toBe(201);
    const order = orderSchema.parse(json(response));
    expect(response.headers?.location).toBe(`/api/v1/orders/${order.id}`);
    expect(order).toMatchObject({
      customerId: 'cust-1',
      status: 'pending',
      items: [
        { sku: 'SKU-1', name: 'Espresso beans 1 kg', quantity: 2, unitPrice: 2490 },
        { sku: 'SKU-2', name: 'Ceramic mug', quantity: 1, unitPrice: 1290 },
      ],
      totalAmount: 2 * 2490 + 1290,
      currency: 'EUR',
      payment: { status: 'pending' },
    });
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(adapters.repository.payments.get(order.payment.id)).toMatchObject({
      orderId: order.id,
      amount: 6270,
      currency: 'EUR',
      status: 'pending',
      token: 'tok_visa',
    });
    expect(adapters.repository.orders.get(order.id)?.correlationId).toBe('req-1');
  });

  it("tells the token's e-mail address and verified phone number unless the body names a contact (then that, as given)", async () => {
    const caller = { ...customer, email: 'ada@example.com', phoneNumber: '+4915112345678' };
    expect(json(await create(orderBody(), { caller, key: 'contact-1' })).contact).toEqual({ email: 'ada@example.com', phone: '+4915112345678' });
    expect(json(await create(orderBody({ contact: { email: 'gift@example.com' } }), { caller, key: 'contact-2' })).contact).toEqual({
      email: 'gift@example.com',
    });
    expect(json(await create(orderBody({ contact: {} }), { caller, key: 'contact-3' })).contact).toEqual({});
    expect(json(await create(orderBody(), { key: 'contact-4' })).contact).toEqual({});
  });

  it('answers 400 naming an invalid contact field', async () => {
    const problem = expectProblem(await create(orderBody({ contact: { email: 'ada at example', phone: '0151' } })), 400);
    expect(problem.errors.map((error: { path: string }) => error.path).sort()).toEqual(['/contact/email', '/contact/phone']);
  });

  it('refuses prices from the client: unknown fields are 400', async () => {
    const problem = expectProblem(await create(orderBody({ items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1 }] })), 400);
    expect(problem.errors).toEqual([{ path: '/items/0', message: expect.stringContaining('unitPrice') }]);
  });

  it('lists every invalid field as errors[{path, message}]', async () => {
    const problem = expectProblem(
      await create({ items: [{ sku: 'SKU-1', quantity: 0 }], shippingAddress: { country: 'XX' }, payment: { method: 'card', token: 'tok_visa' } }),
      400,
    );
    expect(problem.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      '/items/0/quantity',
      '/shippingAddress/city',
      '/shippingAddress/country',
      '/shippingAddress/line1',
      '/shippingAddress/name',
      '/shippingAddress/postalCode',
    ]);
  });

  it.each([
    ['not json{', 'not valid JSON'],
    ['', 'required'],
  ])('answers 400 for the body %p', async (body, detail) => {
    expect(expectProblem(await create(body), 400).detail).toContain(detail);
  });

  it.each([[null], [''], ['has space'], ['x'.repeat(129)]])('answers 400 for Idempotency-Key %p', async (key) => {
    const problem = expectProblem(await create(orderBody(), { key }), 400);
    expect(problem.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
    expect(adapters.repository.orders.size).toBe(0);
  });

  it('answers 422 naming an unknown sku, and keeps no idempotency record', async () => {
    const problem = expectProblem(
      await create(
        orderBody({
          items: [
            { sku: 'SKU-1', quantity: 1 },
            { sku: 'NOPE', quantity: 1 },
          ],
        }),
      ),
      422,
    );
    expect(problem.detail).toContain('NOPE');
    expect(problem.errors).toEqual([{ path: '/items/1/sku', message: 'no product with sku NOPE' }]);
    expect(adapters.repository.placementRequests.size).toBe(0);
    // Corrected and resent with the same key: placed.
    adapters.catalog.set({ sku: 'NOPE', name: 'Now there', price: 100, currency: 'EUR' });
    expect(
      (
        await create(
          orderBody({
            items: [
              { sku: 'SKU-1', quantity: 1 },
              { sku: 'NOPE', quantity: 1 },
            ],
          }),
        )
      ).statusCode,
    ).toBe(201);
  });

  it('answers 422 for items priced in different currencies', async () => {
    expect(
      expectProblem(
        await create(
          orderBody({
            items: [
              { sku: 'SKU-1', quantity: 1 },
              { sku: 'USD-1', quantity: 1 },
            ],
          }),
        ),
        422,
      ).detail,
    ).toContain('different currencies');
  });

  it('answers 401 without a caller', async () => {
    expectProblem(await create(orderBody(), { caller: null }), 401);
  });
});

describe('GET /orders/{id}', () => {
  it('answers the owner and an admin', async () => {
    const order = seeded();
    for (const caller of [customer, admin]) {
      const response = await get(order.id, caller);
      expect(response.statusCode).toBe(200);
      expect(json(response)).toEqual(order);
    }
  });

  it("answers 404 for someone else's order, exactly as for a missing one", async () => {
    const order = seeded();
    const foreign = expectProblem(await get(order.id, otherCustomer), 404);
    const missing = expectProblem(await get('01JNOSUCHORDER0000000000000', otherCustomer), 404);
    expect(JSON.stringify(foreign)).not.toContain('cust-1');
    expect({ ...foreign, detail: undefined, instance: undefined }).toEqual({ ...missing, detail: undefined, instance: undefined });
  });

  it('answers 400 for an id that cannot be one', async () => {
    expectProblem(await get('../etc/passwd'), 400);
  });

  it('answers a strong ETag that changes with the order, and 304 without a body to If-None-Match with the current one', async () => {
    const order = seeded();
    const first = await get(order.id);
    const etag = String(first.headers?.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await get(order.id, admin)).headers?.etag).toBe(etag);
    const notModified = await get(order.id, customer, { 'If-None-Match': etag });
    expect({ status: notModified.statusCode, body: notModified.body, etag: notModified.headers?.etag }).toEqual({ status: 304, body: '', etag });
    expect((await get(order.id, customer, { 'If-None-Match': `W/${etag}` })).statusCode).toBe(304);

    expect((await cancel(order.id)).statusCode).toBe(202);
    const changed = await get(order.id, customer, { 'If-None-Match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers?.etag).not.toBe(etag);
  });

  it('answers 404 to someone else whatever If-None-Match says, and 400 to a malformed one', async () => {
    const order = seeded();
    const etag = String((await get(order.id)).headers?.etag);
    expectProblem(await get(order.id, otherCustomer, { 'If-None-Match': etag }), 404);
    expectProblem(await get(order.id, customer, { 'If-None-Match': 'not-a-tag' }), 400);
  });
});

describe('GET /orders', () => {
  it("lists the caller's own orders, newest first", async () => {
    const [first, second] = [seeded(), seeded()];
    seeded({ customerId: otherCustomer.sub });
    const response = await list('');
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ items: [second, first] });
  });

  it('filters by status and pages with a cursor', async () => {
    const orders = Array.from({ length: 5 }, (_, i) => seeded({ status: i % 2 ? 'cancelled' : 'pending' }));
    const pending = orders.filter((order) => order.status === 'pending').reverse();
    const page1 = json(await list('status=pending&limit=2'));
    expect(page1.items).toEqual(pending.slice(0, 2));
    const page2 = json(await list(`status=pending&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`));
    expect(page2).toEqual({ items: pending.slice(2) });
  });

  it("lets an admin list one customer's orders, or everyone's", async () => {
    const mine = seeded();
    const theirs = seeded({ customerId: otherCustomer.sub });
    expect(json(await list(`customerId=${otherCustomer.sub}`, admin)).items).toEqual([theirs]);
    expect(json(await list('', admin)).items).toEqual([theirs, mine]);
  });

  it('answers 403 when a customer names another customer, and lists their own when they name themselves', async () => {
    const mine = seeded();
    seeded({ customerId: otherCustomer.sub });
    expectProblem(await list(`customerId=${otherCustomer.sub}`), 403);
    expect(json(await list(`customerId=${customer.sub}`)).items).toEqual([mine]);
  });

  it('answers 400 for a tampered cursor, and for a cursor of another listing', async () => {
    Array.from({ length: 3 }, () => seeded());
    const { nextCursor } = json(await list('limit=1'));
    const [payload, mac] = (nextCursor as string).split('.');
    const edited = `${Buffer.from(JSON.stringify({ after: '9999' })).toString('base64url')}.${mac}`;
    for (const cursor of [edited, `${payload}.${mac}x`, 'garbage', `${payload}.`]) {
      expect(expectProblem(await list(`limit=1&cursor=${encodeURIComponent(cursor)}`), 400).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
    expectProblem(await list(`limit=1&status=pending&cursor=${encodeURIComponent(nextCursor)}`), 400);
    expectProblem(await list(`limit=1&cursor=${encodeURIComponent(nextCursor)}`, otherCustomer), 400);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['status=lost', 'status'],
    ['sort=asc', 'sort'],
    ['limit=1&limit=2', 'limit'],
  ])('answers 400 for %s', async (query, path) => {
    expect(expectProblem(await list(query), 400).errors).toEqual([{ path, message: expect.any(String) }]);
  });
});

describe('POST /orders/{id}/cancel', () => {
  it.each([['pending'], ['confirmed']] as [OrderStatus][])('cancels a %s order: 202 with the reason', async (status) => {
    const order = seeded({ status });
    const response = await cancel(order.id);
    expect(response.statusCode).toBe(202);
    expect(json(response)).toMatchObject({ id: order.id, status: 'cancelled', cancellationReason: 'customer_cancelled' });
    expect(adapters.repository.orders.get(order.id)).toMatchObject({ version: 2, order: { status: 'cancelled' } });
  });

  it.each([['shipped'], ['delivered'], ['cancelled']] as [OrderStatus][])('answers 409 for a %s order', async (status) => {
    expectProblem(await cancel(seeded({ status }).id), 409);
  });

  it('lets an admin cancel any order, and answers 404 to another customer', async () => {
    const order = seeded();
    expectProblem(await cancel(order.id, otherCustomer), 404);
    expect(adapters.repository.orders.get(order.id)?.order.status).toBe('pending');
    expect((await cancel(order.id, admin)).statusCode).toBe(202);
  });

  it('of concurrent cancels exactly one wins; the others get 409', async () => {
    const order = seeded();
    const answers = await Promise.all(Array.from({ length: 5 }, () => cancel(order.id)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 409, 409, 409, 409]);
    expect(adapters.repository.orders.get(order.id)?.version).toBe(2);
  });

  it('still cancels when another writer changed the order in between (optimistic retry)', async () => {
    const order = seeded();
    const repository = adapters.repository;
    const applyChange = repository.applyChange.bind(repository);
    let raced = false;
    jest.spyOn(repository, 'applyChange').mockImplementation(async (id, version, change) => {
      if (!raced) {
        raced = true;
        repository.orders.get(id)!.version += 1; // e.g. the saga recorded the payment's status
      }
      return applyChange(id, version, change);
    });
    expect((await cancel(order.id)).statusCode).toBe(202);
    expect(repository.orders.get(order.id)?.version).toBe(3);
  });
});

describe('PATCH /orders/{id}/status', () => {
  it('ships a confirmed order and delivers a shipped one', async () => {
    const order = seeded({ status: 'confirmed' });
    const shipped = await patchStatus(order.id, { status: 'shipped' });
    expect(shipped.statusCode).toBe(200);
    expect(json(shipped).status).toBe('shipped');
    const delivered = await patchStatus(order.id, { status: 'delivered' });
    expect(json(delivered)).toMatchObject({ status: 'delivered' });
  });

  it.each([
    ['pending', 'shipped'],
    ['pending', 'delivered'],
    ['confirmed', 'delivered'],
    ['shipped', 'shipped'],
    ['delivered', 'shipped'],
    ['cancelled', 'shipped'],
    ['pending', 'confirmed'],
    ['confirmed', 'cancelled'],
    ['shipped', 'pending'],
  ] as [OrderStatus, OrderStatus][])('answers 409 for %s → %s', async (from, to) => {
    expectProblem(await patchStatus(seeded({ status: from }).id, { status: to }), 409);
  });

  it('answers 403 to a customer, even for their own order', async () => {
    const order = seeded({ status: 'confirmed' });
    expectProblem(await patchStatus(order.id, { status: 'shipped' }, customer), 403);
    expect(adapters.repository.orders.get(order.id)?.order.status).toBe('confirmed');
  });

  it('answers 404 for an unknown id and 400 for a bad body', async () => {
    expectProblem(await patchStatus('01JNOSUCHORDER0000000000000', { status: 'shipped' }), 404);
    const order = seeded({ status: 'confirmed' });
    expect(expectProblem(await patchStatus(order.id, { status: 'lost' }), 400).errors).toEqual([{ path: '/status', message: expect.any(String) }]);
    expect(expectProblem(await patchStatus(order.id, { status: 'shipped', note: 'x' }), 400).errors[0].path).toBe('/');
  });
});
