import type { Order } from '#orders/domain/order';
import { createOrderHandler } from '#orders/handlers/create-order';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { inMemoryAdapters, resetAdapters } from './support/in-memory-adapters';
import { customer, expectProblem, json, orderBody, otherCustomer } from './support/order-fixtures';

const adapters = inMemoryAdapters();
const createOrder = createOrderHandler(adapters.ports);
beforeEach(() => resetAdapters(adapters));

const create = (body: unknown, key = 'key-1', caller = customer) =>
  createOrder(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'idempotency-key': key },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      caller,
    }),
    lambdaContext(),
  );

function deferred() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

describe('POST /orders with an Idempotency-Key', () => {
  it('answers a replay with the same status and the same order, creating one', async () => {
    const first = await create(orderBody());
    const replays = [await create(orderBody()), await create(orderBody())];
    expect(first.statusCode).toBe(201);
    for (const replay of replays) {
      expect(replay.statusCode).toBe(201);
      expect(json(replay)).toEqual(json(first));
      expect(replay.headers?.location).toBe(first.headers?.location);
    }
    expect(adapters.repository.orders.size).toBe(1);
  });

  it('treats a body with other key order and spacing as the same body', async () => {
    const first = json(await create(orderBody()));
    const body = orderBody();
    const reordered = `{ "payment": ${JSON.stringify(body.payment)},\n "shippingAddress": ${JSON.stringify(body.shippingAddress)}, "items": ${JSON.stringify(body.items)} }`;
    const replay = await create(reordered);
    expect(replay.statusCode).toBe(201);
    expect(json(replay).id).toBe(first.id);
  });

  it('answers 422 when the key comes back with another body, and changes nothing', async () => {
    await create(orderBody());
    const problem = expectProblem(await create(orderBody({ items: [{ sku: 'SKU-1', quantity: 3 }] })), 422);
    expect(problem.type).toBe('urn:ordersaga:problem:idempotency-key-reused');
    expect(adapters.repository.orders.size).toBe(1);
  });

  it('scopes keys to the customer: two customers may use the same key', async () => {
    const mine = json(await create(orderBody(), 'shared-key', customer));
    const theirs = json(await create(orderBody({ items: [{ sku: 'SKU-2', quantity: 1 }] }), 'shared-key', otherCustomer));
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.customerId).toBe(otherCustomer.sub);
    expect(adapters.repository.orders.size).toBe(2);
  });

  it('answers 409 with Retry-After while the first request with the key is in flight, then replays it', async () => {
    const gate = deferred();
    adapters.repository.beforePlace = () => gate.released;
    const first = create(orderBody());
    await new Promise((resolve) => setImmediate(resolve));

    const during = await create(orderBody());
    expect(expectProblem(during, 409).type).toBe('urn:ordersaga:problem:request-in-progress');
    expect(during.headers?.['retry-after']).toBe('1');

    gate.release();
    const placed = await first;
    expect(placed.statusCode).toBe(201);
    const after = await create(orderBody());
    expect(after.statusCode).toBe(201);
    expect(json(after).id).toBe(json(placed).id);
  });

  it('of concurrent duplicates, exactly one order is created; every answer is that order or 409', async () => {
    const gate = deferred();
    adapters.repository.beforePlace = () => gate.released;
    const answers = Array.from({ length: 10 }, () => create(orderBody()));
    setTimeout(gate.release, 20);
    const settled = await Promise.all(answers);
    expect(adapters.repository.orders.size).toBe(1);
    const [orderId] = adapters.repository.orders.keys();
    for (const answer of settled) {
      if (answer.statusCode === 201) expect(json(answer).id).toBe(orderId);
      else expect(answer.statusCode).toBe(409);
    }
    expect(settled.filter((answer) => answer.statusCode === 201).length).toBeGreaterThanOrEqual(1);
  });

  it('answers the order as it now stands to a replay after the saga moved it', async () => {
    const first = json(await create(orderBody()));
    adapters.repository.seed({ ...first, status: 'confirmed', payment: { ...first.payment, status: 'captured' } } as Order, 2);
    const replay = await create(orderBody());
    expect(replay.statusCode).toBe(201);
    expect(json(replay)).toMatchObject({ id: first.id, status: 'confirmed' });
    expect(adapters.repository.orders.size).toBe(1);
  });

  it('takes the key over when the placement holding it died before writing its order, once its time is up', async () => {
    const died = deferred();
    adapters.repository.beforePlace = () => died.released; // never released: the invocation is gone
    void create(orderBody());
    await new Promise((resolve) => setImmediate(resolve));
    const [request] = adapters.repository.placementRequests.values();
    expect(adapters.repository.orders.size).toBe(0);

    adapters.repository.beforePlace = async () => undefined;
    expect(expectProblem(await create(orderBody()), 409).type).toBe('urn:ordersaga:problem:request-in-progress');
    request!.inProgressUntil = Date.now() - 1; // its Lambda deadline has passed
    const retry = await create(orderBody());
    expect(retry.statusCode).toBe(201);
    expect(adapters.repository.orders.size).toBe(1);
    expect(json(await create(orderBody())).id).toBe(json(retry).id);
    expectProblem(await create(orderBody({ items: [{ sku: 'SKU-2', quantity: 9 }] })), 422);
  });

  it('releases the key when placing fails, so the corrected request can use it', async () => {
    adapters.repository.beforePlace = async () => {
      throw new Error('DynamoDB is unavailable');
    };
    const failed = await create(orderBody());
    expect(expectProblem(failed, 500).detail).toContain('correlation id');
    adapters.repository.beforePlace = async () => undefined;
    expect((await create(orderBody())).statusCode).toBe(201);
  });
});
