import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { orderSchema } from '#orders/domain/order';
import type { OrderStatus } from '#orders/domain/order-status';
import type { OrderRepository } from '#orders/domain/ports';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { admin, customer, expectProblem, json, orderBody, otherCustomer } from '#test/unit/functions/orders/support/order-fixtures';
import { CATALOG, startOrdersTable, type OrdersTable } from './orders-table';

jest.setTimeout(120_000);

type Handler = typeof import('#orders/handlers/get-order')['handler'];
type Caller = { sub: string; groups?: string[] };
let table: OrdersTable;
let handlers: Record<'createOrder' | 'getOrder' | 'listOrders' | 'cancelOrder' | 'updateOrderStatus', Handler>;
let repository: OrderRepository;

beforeAll(async () => {
  table = await startOrdersTable('api');
  for (const product of CATALOG) await table.putProduct(product);
  // Imported only now: the handlers' clients read the endpoint and table the helper set. Built on
  // the adapters the test holds, so it can hold up the repository's writes.
  const adapters = (await import('#orders/adapters/orders-adapters')).orderPlacementAdapters();
  repository = adapters.orders;
  handlers = {
    createOrder: (await import('#orders/handlers/create-order')).createOrderHandler(adapters),
    getOrder: (await import('#orders/handlers/get-order')).getOrderHandler(adapters),
    listOrders: (await import('#orders/handlers/list-orders')).listOrdersHandler(adapters),
    cancelOrder: (await import('#orders/handlers/cancel-order')).cancelOrderHandler(adapters),
    updateOrderStatus: (await import('#orders/handlers/update-order-status')).updateOrderStatusHandler(adapters),
  };
});

afterAll(async () => {
  await table?.stop();
});

let keys = 0;
const create = (body: unknown, options: { key?: string; caller?: Caller } = {}) =>
  handlers.createOrder(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'Idempotency-Key': options.key ?? `key-${++keys}`, 'X-Correlation-Id': 'corr-it' },
      body: JSON.stringify(body),
      caller: options.caller ?? customer,
    }),
    lambdaContext(),
  );
const placed = async (caller: Caller = customer, body = orderBody()) => {
  const response = await create(body, { caller });
  expect(response.statusCode).toBe(201);
  return orderSchema.parse(json(response));
};
const get = (id: string, caller: Caller = customer) =>
  handlers.getOrder(
    apiGatewayEvent({ method: 'GET', path: `/api/v1/orders/${id}`, resource: '/api/v1/orders/{id}', pathParameters: { id }, caller }),
    lambdaContext(),
  );
const list = (query: string, caller: Caller = customer) =>
  handlers.listOrders(apiGatewayEvent({ method: 'GET', path: '/api/v1/orders', query, caller }), lambdaContext());
const cancel = (id: string, caller: Caller = customer) =>
  handlers.cancelOrder(
    apiGatewayEvent({ method: 'POST', path: `/api/v1/orders/${id}/cancel`, resource: '/api/v1/orders/{id}/cancel', pathParameters: { id }, caller }),
    lambdaContext(),
  );
const patchStatus = (id: string, status: string, caller: Caller = admin) =>
  handlers.updateOrderStatus(
    apiGatewayEvent({
      method: 'PATCH',
      path: `/api/v1/orders/${id}/status`,
      resource: '/api/v1/orders/{id}/status',
      pathParameters: { id },
      body: JSON.stringify({ status }),
      caller,
    }),
    lambdaContext(),
  );

/** What the saga does to an order: a status change that bumps the version and moves it in gsi2. */
async function sagaMoves(orderId: string, status: OrderStatus): Promise<void> {
  await table.documentClient.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' },
      UpdateExpression: 'SET #status = :status, gsi2pk = :gsi2pk, #version = #version + :one',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: { ':status': status, ':gsi2pk': `ORDER_STATUS#${status}`, ':one': 1 },
    }),
  );
}
const orderItem = async (orderId: string) =>
  (await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' } }))).Item!;
const pages = async (query: string, caller: Caller = customer) => {
  const seen: APIGatewayProxyResult[] = [];
  let cursor: string | undefined;
  do {
    const response = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, caller);
    expect(response.statusCode).toBe(200);
    seen.push(response);
    cursor = json(response).nextCursor;
  } while (cursor && seen.length < 50);
  return seen.map((response) => json(response).items as { id: string; status: string; createdAt: string; customerId: string }[]);
};

describe('POST /orders against DynamoDB', () => {
  it('writes the order, its payment and its placement request together', async () => {
    const order = await placed();
    expect(order).toMatchObject({ status: 'pending', totalAmount: 2 * 2490 + 1290, currency: 'EUR' });
    expect(await orderItem(order.id)).toEqual({
      ...order,
      pk: `ORDER#${order.id}`,
      sk: 'ORDER',
      entity: 'order',
      gsi1pk: 'CUSTOMER#cust-1',
      gsi1sk: `ORDER#${order.createdAt}#${order.id}`,
      gsi2pk: 'ORDER_STATUS#pending',
      gsi2sk: `${order.createdAt}#${order.id}`,
      version: 1,
      correlationId: 'corr-it',
    });
    const { Item: payment } = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `PAYMENT#${order.payment.id}`, sk: 'PAYMENT' } }),
    );
    expect(payment).toEqual({
      pk: `PAYMENT#${order.payment.id}`,
      sk: 'PAYMENT',
      entity: 'payment',
      id: order.payment.id,
      orderId: order.id,
      customerId: 'cust-1',
      status: 'pending',
      amount: order.totalAmount,
      currency: 'EUR',
      method: 'card',
      token: 'tok_visa',
      correlationId: 'corr-it',
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
      version: 1,
    });
    const [request] = (await table.itemsWithPrefix('ORDER_REQUEST#cust-1#')).filter((item) => item.orderId === order.id);
    expect(request).toMatchObject({ sk: 'ORDER_REQUEST', entity: 'order_request', fingerprint: expect.any(String) });
    expect(request!.expiresAt).toBeCloseTo(Date.parse(order.createdAt) / 1000 + 24 * 3600, -1);
  });

  it('answers 422 for an unknown sku and for mixed currencies, writing nothing', async () => {
    const before = (await table.itemsWithPrefix('ORDER#')).length;
    expect(expectProblem(await create(orderBody({ items: [{ sku: 'GHOST', quantity: 1 }] })), 422).errors).toEqual([
      { path: '/items/0/sku', message: 'no product with sku GHOST' },
    ]);
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
    );
    expect(await table.itemsWithPrefix('ORDER#')).toHaveLength(before);
  });
});

describe('GET /orders/{id} against DynamoDB', () => {
  it('answers the owner and admins, and 404 to anyone else', async () => {
    const order = await placed();
    expect(json(await get(order.id))).toEqual(order);
    expect(json(await get(order.id, admin))).toEqual(order);
    const problem = expectProblem(await get(order.id, otherCustomer), 404);
    expect(JSON.stringify(problem)).not.toContain(order.customerId);
    expectProblem(await get('01JZZZZZZZZZZZZZZZZZZZZZZZ'), 404);
  });
});

describe('GET /orders against DynamoDB', () => {
  const lister = { sub: 'lister-1' };
  const statuses: OrderStatus[] = [];
  let mine: { id: string; createdAt: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const order = await placed(lister, orderBody({ items: [{ sku: 'SKU-2', quantity: (i % 9) + 1 }] }));
      mine.push(order);
      // A spread of statuses, as the saga and admins would leave them.
      const status: OrderStatus = i % 5 === 0 ? 'confirmed' : i % 7 === 0 ? 'cancelled' : 'pending';
      if (status !== 'pending') await sagaMoves(order.id, status);
      statuses.push(status);
    }
    // Newest first: by creation time, then id (two orders may share a millisecond).
    const position = (order: { id: string; createdAt: string }) => `${order.createdAt}#${order.id}`;
    const byNewest = mine.map((order, i) => ({ order, status: statuses[i]! })).sort((a, b) => (position(a.order) < position(b.order) ? 1 : -1));
    mine = byNewest.map(({ order }) => order);
    statuses.splice(0, statuses.length, ...byNewest.map(({ status }) => status));
  });

  it("pages through a customer's orders newest first, each exactly once", async () => {
    const result = await pages('limit=10', lister);
    expect(result.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(result.flat().map((order) => order.id)).toEqual(mine.map((order) => order.id));
  });

  it('filters by status across pages (filtered reads)', async () => {
    const result = await pages('status=confirmed&limit=2', lister);
    const expected = mine.filter((_, i) => statuses[i] === 'confirmed').map((order) => order.id);
    expect(result.flat().map((order) => order.id)).toEqual(expected);
    expect(result.flat().every((order) => order.status === 'confirmed')).toBe(true);
  });

  it("lets an admin list a customer's orders, every customer's orders, and every customer's orders in a status", async () => {
    expect((await pages(`customerId=${lister.sub}&limit=100`, admin)).flat().map((order) => order.id)).toEqual(mine.map((order) => order.id));

    const everything = (await pages('limit=7', admin)).flat();
    expect(new Set(everything.map((order) => order.id)).size).toBe(everything.length);
    expect(everything.map((order) => order.id)).toEqual(expect.arrayContaining(mine.map((order) => order.id)));
    const positions = everything.map((order) => `${order.createdAt}#${order.id}`);
    expect(positions).toEqual([...positions].sort().reverse());
    expect(new Set(everything.map((order) => order.status)).size).toBeGreaterThan(1);

    const cancelled = (await pages('status=cancelled&limit=1', admin)).flat();
    expect(cancelled.every((order) => order.status === 'cancelled')).toBe(true);
    expect(cancelled.map((order) => order.id)).toEqual(expect.arrayContaining(mine.filter((_, i) => statuses[i] === 'cancelled').map((order) => order.id)));
  });

  it('answers 403 to a customer naming someone else, and 400 to a cursor edited or reused elsewhere', async () => {
    expectProblem(await list(`customerId=${customer.sub}`, lister), 403);
    const { nextCursor } = json(await list('limit=3', lister));
    const [payload, mac] = (nextCursor as string).split('.');
    const forged = `${Buffer.from(JSON.stringify({ after: 'ORDER#9999' })).toString('base64url')}.${mac}`;
    expectProblem(await list(`limit=3&cursor=${encodeURIComponent(forged)}`, lister), 400);
    expectProblem(await list(`limit=3&cursor=${encodeURIComponent(`${payload}.${mac!.slice(0, -2)}AA`)}`, lister), 400);
    expectProblem(await list(`limit=3&status=pending&cursor=${encodeURIComponent(nextCursor)}`, lister), 400);
    expectProblem(await list(`limit=3&cursor=${encodeURIComponent(nextCursor)}`, admin), 400);
  });
});

describe('order changes against DynamoDB', () => {
  it('cancels a pending order once: of concurrent cancels exactly one wins', async () => {
    const order = await placed();
    const answers = await Promise.all(Array.from({ length: 8 }, () => cancel(order.id)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    expect(json(answers.find((answer) => answer.statusCode === 202)!)).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled' });
    expect(await orderItem(order.id)).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'customer_cancelled',
      version: 2,
      gsi2pk: 'ORDER_STATUS#cancelled',
    });
  });

  it("answers 404 to another customer's cancel and leaves the order alone", async () => {
    const order = await placed();
    expectProblem(await cancel(order.id, otherCustomer), 404);
    expect(await orderItem(order.id)).toMatchObject({ status: 'pending', version: 1 });
  });

  it('ships and delivers a confirmed order, refusing every other move', async () => {
    const order = await placed();
    expectProblem(await patchStatus(order.id, 'shipped'), 409);
    await sagaMoves(order.id, 'confirmed');
    expectProblem(await patchStatus(order.id, 'delivered'), 409);
    expectProblem(await patchStatus(order.id, 'shipped', customer), 403);
    expect(json(await patchStatus(order.id, 'shipped'))).toMatchObject({ status: 'shipped' });
    expectProblem(await cancel(order.id), 409);
    expect(json(await patchStatus(order.id, 'delivered'))).toMatchObject({ status: 'delivered' });
    expect(await orderItem(order.id)).toMatchObject({ status: 'delivered', version: 4, gsi2pk: 'ORDER_STATUS#delivered' });
    expectProblem(await patchStatus('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'shipped'), 404);
  });

  it('of concurrent ship requests exactly one wins', async () => {
    const order = await placed();
    await sagaMoves(order.id, 'confirmed');
    const answers = await Promise.all(Array.from({ length: 5 }, () => patchStatus(order.id, 'shipped')));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it('applies a change only at the version it was decided on', async () => {
    const order = await placed();
    const change = {
      from: 'pending' as const,
      status: 'cancelled' as const,
      cancellationReason: 'customer_cancelled' as const,
      updatedAt: new Date().toISOString(),
    };
    const stale = await repository.applyChange(order.id, 7, change);
    expect(stale).toMatchObject({ kind: 'stale', current: { version: 1, order: { status: 'pending' } } });
    expect(await repository.applyChange('01JZZZZZZZZZZZZZZZZZZZZZZZ', 1, change)).toEqual({ kind: 'not-found' });
    expect(await repository.applyChange(order.id, 1, change)).toMatchObject({ kind: 'applied', order: { status: 'cancelled' } });
  });
});

describe('Idempotency-Key against DynamoDB', () => {
  const idempotencyRecords = () => table.itemsWithPrefix('IDEMPOTENCY#');

  it('replays the same order; the key has one record, the placement request, kept 24 h (TTL)', async () => {
    const first = await create(orderBody(), { key: 'replay-1' });
    const again = await create(orderBody(), { key: 'replay-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual(json(first));
    const requests = await table.itemsWithPrefix('ORDER_REQUEST#cust-1#replay-1');
    expect(requests).toEqual([expect.objectContaining({ orderId: json(first).id, fingerprint: expect.any(String) })]);
    expect(requests[0]!.expiresAt).toBeCloseTo(Date.now() / 1000 + 24 * 3600, -2);
    // No second record per placement (e.g. a Powertools idempotency item): one write less per order.
    expect(await idempotencyRecords()).toEqual([]);
  });

  it('answers 422 for the same key with another body', async () => {
    await create(orderBody(), { key: 'mismatch-1' });
    expect(expectProblem(await create(orderBody({ items: [{ sku: 'SKU-2', quantity: 5 }] }), { key: 'mismatch-1' }), 422).type).toBe(
      'urn:ordersaga:problem:idempotency-key-reused',
    );
  });

  it('creates exactly one order for concurrent duplicates', async () => {
    const caller = { sub: 'concurrent-1' };
    const answers = await Promise.all(Array.from({ length: 12 }, () => create(orderBody(), { key: 'same-key', caller })));
    const orders = (await table.itemsWithPrefix('ORDER#')).filter((item) => item.customerId === caller.sub);
    expect(orders).toHaveLength(1);
    expect((await table.itemsWithPrefix('PAYMENT#')).filter((item) => item.customerId === caller.sub)).toHaveLength(1);
    for (const answer of answers) {
      if (answer.statusCode === 201) expect(json(answer).id).toBe(orders[0]!.id);
      else {
        expectProblem(answer, 409);
        expect(answer.headers?.['retry-after']).toBe('1');
      }
    }
  });

  it('answers 409 with Retry-After while the first request is in flight', async () => {
    const caller = { sub: 'in-flight-1' };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Holds up the first request's order write: its placement request is written, its order not yet.
    const client = (repository as unknown as { client: { send: (command: unknown) => Promise<unknown> } }).client;
    const send = client.send.bind(client);
    let held = false;
    const spy = jest.spyOn(client, 'send').mockImplementation(async (command: any) => {
      if (!held && command instanceof PutCommand && String(command.input.Item?.pk).startsWith('ORDER#')) {
        held = true;
        await gate;
      }
      return send(command);
    });
    const first = create(orderBody(), { key: 'slow-1', caller });
    while (!held) await new Promise((resolve) => setTimeout(resolve, 5));
    const during = await create(orderBody(), { key: 'slow-1', caller });
    expectProblem(during, 409);
    expect(during.headers?.['retry-after']).toBe('1');
    release();
    const done = await first;
    spy.mockRestore();
    expect(done.statusCode).toBe(201);
    expect(json(await create(orderBody(), { key: 'slow-1', caller })).id).toBe(json(done).id);
  });

  it('takes the key over from a placement that died after writing its request and before its order, once its time is up', async () => {
    const caller = { sub: 'crash-1' };
    const died = json(await create(orderBody(), { key: 'crash-key', caller }));
    // As if the invocation had died between the placement request and the order: no order, no payment, its time up.
    await table.documentClient.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: `ORDER#${died.id}`, sk: 'ORDER' } }));
    await table.documentClient.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: `PAYMENT#${died.payment.id}`, sk: 'PAYMENT' } }));
    const [request] = await table.itemsWithPrefix(`ORDER_REQUEST#${caller.sub}#crash-key`);
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: { ...request, inProgressUntil: Date.now() - 1000 } }));

    const retried = await create(orderBody(), { key: 'crash-key', caller });
    expect(retried.statusCode).toBe(201);
    const orders = (await table.itemsWithPrefix('ORDER#')).filter((item) => item.customerId === caller.sub);
    expect(orders.map((item) => item.id)).toEqual([json(retried).id]);
    expect(json(await create(orderBody(), { key: 'crash-key', caller })).id).toBe(json(retried).id);
  });
});
