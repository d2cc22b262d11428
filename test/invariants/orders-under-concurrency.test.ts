import type { LocalRuntime } from '#local/runtime';
import { invariantViolations, NO_VIOLATIONS } from './support/invariants';
import { unexpectedRetryableAnswers } from './support/problem-answers';
import { startInvariantRuntime } from './support/invariant-runtime';
import { racingOrders } from './support/order-traffic';
import { describeAnswer, orderBody, ShopClient } from './support/shop-client';
import { ORDER_SAGA_ID } from '#contracts/state-machines';

/**
 * Concurrency without faults, through HTTP against one local runtime: buyers racing for
 * scarce stock, and one customer's duplicate submissions racing each other. Whatever the
 * interleaving, every order settles, stock is conserved, money matches the outcome and the bus
 * carries each change once.
 */
describe('orders under concurrency', () => {
  let runtime: LocalRuntime;
  let shop: ShopClient;
  let admin: string;

  beforeAll(async () => {
    runtime = await startInvariantRuntime();
    shop = new ShopClient(runtime);
    admin = await runtime.issuer.issue({ sub: 'invariants-admin', groups: ['admin'] });
  }, 90_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it('40 orders from 8 customers racing for 3 scarce products all settle, with stock conserved and every change announced once', async () => {
    const initialStock = { 'RACE-A': 6, 'RACE-B': 4, 'RACE-C': 5 };
    for (const [sku, stock] of Object.entries(initialStock)) await shop.putProduct(admin, sku, stock);
    const customerIds = Array.from({ length: 8 }, (_, index) => `racer-${index}`);
    const tokens = new Map(await Promise.all(customerIds.map(async (sub) => [sub, await runtime.issuer.issue({ sub })] as const)));
    const planned = racingOrders({
      seed: 7,
      orders: 40,
      customers: customerIds,
      skus: Object.keys(initialStock),
      tokens: ['tok_visa', 'tok_declined', 'tok_flaky', 'tok_async'],
      maxQuantity: 3,
      keyPrefix: 'race',
    });

    const placements = await Promise.all(planned.map((order) => shop.placeOrder(tokens.get(order.customer)!, order.idempotencyKey, order.body, 120_000)));

    // Every order is placed. (On a busy machine a cold start can still time out an attempt: the client retries it.)
    expect(placements.filter((placement) => placement.final.status !== 201).map((placement) => describeAnswer(placement.final))).toEqual([]);
    expect(
      unexpectedRetryableAnswers(
        placements.flatMap((placement) => placement.attempts),
        runtime.tableName,
      ),
    ).toEqual([]);
    const orders = await shop.settledOrders([...tokens.values()], 120_000);
    expect(orders.map((order) => order.id).sort()).toEqual(placements.map((placement) => placement.final.body.id).sort());
    await runtime.idle();
    const observation = await shop.observe({ initialStock, customerIds, customerTokens: [...tokens.values()], adminToken: admin });

    expect(invariantViolations(observation)).toEqual(NO_VIOLATIONS);
    // The race was real: some buyers got the stock, others found it gone.
    expect(observation.orders.filter((order) => order.status === 'confirmed').length).toBeGreaterThan(0);
    expect(observation.orders.filter((order) => order.cancellationReason === 'out_of_stock').length).toBeGreaterThan(0);
  }, 300_000);

  it('the same Idempotency-Key and body sent 10 times at once makes one order and one saga, and answers it every time', async () => {
    const initialStock = { 'DUP-1': 100 };
    await shop.putProduct(admin, 'DUP-1', 100);
    const buyer = await runtime.issuer.issue({ sub: 'duplicate-buyer' });
    const submissions = [
      { key: 'dup-visa', body: orderBody([{ sku: 'DUP-1', quantity: 1 }], 'tok_visa') },
      { key: 'dup-async', body: orderBody([{ sku: 'DUP-1', quantity: 2 }], 'tok_async') },
      { key: 'dup-declined', body: orderBody([{ sku: 'DUP-1', quantity: 3 }], 'tok_declined') },
    ];

    const answers = await Promise.all(
      submissions.map(async ({ key, body }) => ({
        key,
        body,
        answers: await Promise.all(Array.from({ length: 10 }, () => shop.call('POST', '/api/v1/orders', buyer, body, { 'idempotency-key': key }))),
      })),
    );

    const orderIds = new Map<string, string>();
    for (const { key, answers: sent } of answers) {
      // The same order (201) however concurrently sent, or 409 + Retry-After while the first is in progress.
      expect(sent.filter((answer) => answer.status !== 201 && answer.status !== 409).map(describeAnswer)).toEqual([]);
      const created = sent.filter((answer) => answer.status === 201);
      expect(created.length).toBeGreaterThan(0);
      // A replay answers the key's order as it now stands (docs/api.md, "Idempotency"): the same order, whose
      // saga may have moved its status on between two of the answers.
      const placed = ({ status, updatedAt, payment, ...order }: Record<string, unknown>) => ({
        ...order,
        payment: { ...(payment as object), status: undefined },
      });
      for (const answer of created) expect(placed(answer.body)).toEqual(placed(created[0]!.body));
      expect(unexpectedRetryableAnswers(sent, runtime.tableName)).toEqual([]);
      orderIds.set(key, created[0]!.body.id);
    }
    expect(new Set(orderIds.values()).size).toBe(submissions.length);

    // Once the first is done, a replay answers the same order.
    for (const { key, body } of submissions) {
      const replay = await shop.placeOrder(buyer, key, body);
      expect(replay.final.status).toBe(201);
      expect(replay.final.body.id).toBe(orderIds.get(key));
    }
    // Keys are the customer's own: another customer's same key is another order.
    const other = await runtime.issuer.issue({ sub: 'duplicate-buyer-2' });
    const theirs = await shop.placeOrder(other, 'dup-visa', submissions[0]!.body);
    expect(theirs.final.status).toBe(201);
    expect(theirs.final.body.id).not.toBe(orderIds.get('dup-visa'));

    const orders = await shop.settledOrders([buyer, other], 60_000);
    expect(orders.map((order) => order.id).sort()).toEqual([...orderIds.values(), theirs.final.body.id].sort());
    await runtime.idle();
    for (const order of orders) {
      const sagas = (await shop.executionsOf(order.id)).filter((execution) => execution.stateMachine === ORDER_SAGA_ID);
      expect(sagas.map((saga) => saga.status)).toEqual(['SUCCEEDED']);
    }
    const observation = await shop.observe({
      initialStock,
      customerIds: ['duplicate-buyer', 'duplicate-buyer-2'],
      customerTokens: [buyer, other],
      adminToken: admin,
    });
    expect(invariantViolations(observation)).toEqual(NO_VIOLATIONS);
    expect(Object.fromEntries(observation.orders.map((order) => [order.id, order.status]))).toEqual({
      [orderIds.get('dup-visa')!]: 'confirmed',
      [orderIds.get('dup-async')!]: 'confirmed',
      [orderIds.get('dup-declined')!]: 'cancelled',
      [theirs.final.body.id]: 'confirmed',
    });
  }, 120_000);
});
