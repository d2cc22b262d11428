import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { startLocalTable, WEBHOOK_SECRET, type LocalTable } from '../inventory/local-table';
import type { PaymentSimulator } from '#payments/adapters/payment-simulator';
import type { PaymentRecord, PaymentStatus } from '#payments/domain/payment';
import { signWebhookPayload } from '#contracts/payment-provider/webhook-signature';

jest.setTimeout(120_000);

type Handler = typeof import('#payments/handlers/get-payment')['handler'];
let table: LocalTable;
let handlers: { getPayment: Handler; refundPayment: Handler; paymentWebhook: Handler };
let simulator: PaymentSimulator;

beforeAll(async () => {
  table = await startLocalTable('payments');
  handlers = {
    getPayment: (await import('#payments/handlers/get-payment')).handler,
    refundPayment: (await import('#payments/handlers/refund-payment')).handler,
    paymentWebhook: (await import('#payments/handlers/payment-webhook')).handler,
  };
  // The same instance the refund handler calls (PAYMENT_PROVIDER unset: the simulator).
  simulator = (await import('#payments/adapters/payment-provider-factory')).paymentProvider() as PaymentSimulator;
});

afterAll(async () => {
  await table?.stop();
});

const admin = { sub: 'admin-1', groups: ['admin'] };
const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

/** A payment as the orders context writes it when an order is created. */
async function givenPayment(id: string, status: PaymentStatus, overrides: Partial<PaymentRecord> = {}): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await table.documentClient.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: `PAYMENT#${id}`,
        sk: 'PAYMENT',
        entity: 'payment',
        id,
        orderId: `order-of-${id}`,
        customerId: 'cust-1',
        status,
        amount: 2490,
        currency: 'EUR',
        method: 'card',
        token: 'tok_visa',
        createdAt: at,
        updatedAt: at,
        version: 1,
        ...overrides,
      },
    }),
  );
}

async function storedPayment(id: string): Promise<Record<string, unknown> | undefined> {
  return (await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: `PAYMENT#${id}`, sk: 'PAYMENT' }, ConsistentRead: true })))
    .Item;
}

const getPayment = (id: string, caller: { sub: string; groups?: string[] }) =>
  handlers.getPayment(apiGatewayEvent({ method: 'GET', path: `/api/v1/payments/${id}`, pathParameters: { id }, caller }), lambdaContext());
const refund = (id: string) =>
  handlers.refundPayment(apiGatewayEvent({ method: 'POST', path: `/api/v1/payments/${id}/refund`, pathParameters: { id }, caller: admin }), lambdaContext());
const deliver = (event: unknown, signedAt = new Date()) => {
  const payload = JSON.stringify(event);
  return handlers.paymentWebhook(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/webhooks/payments',
      body: payload,
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, WEBHOOK_SECRET, signedAt) },
    }),
    lambdaContext(),
  );
};

describe('GET /payments/{id}', () => {
  beforeAll(() => givenPayment('pay-read', 'authorized'));

  it('answers the owner and admins, and someone else with 404', async () => {
    expect(body(await getPayment('pay-read', { sub: 'cust-1' }))).toEqual({
      id: 'pay-read',
      orderId: 'order-of-pay-read',
      status: 'authorized',
      amount: 2490,
      currency: 'EUR',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await getPayment('pay-read', admin)).statusCode).toBe(200);
    expect((await getPayment('pay-read', { sub: 'cust-2' })).statusCode).toBe(404);
    expect((await getPayment('pay-none', { sub: 'cust-1' })).statusCode).toBe(404);
  });
});

describe('POST /payments/{id}/refund', () => {
  it('refunds a captured payment in full and answers 202 with it refunded', async () => {
    await givenPayment('pay-refund', 'captured');
    const response = await refund('pay-refund');
    expect(response.statusCode).toBe(202);
    expect(body(response)).toMatchObject({ id: 'pay-refund', status: 'refunded' });
    expect(simulator.effects('refund', 'pay-refund')).toBe(1);
    const stored = await storedPayment('pay-refund');
    expect(stored).toMatchObject({ status: 'refunded', version: 2 });
    // The claim is gone once the refund is done.
    expect(stored).not.toHaveProperty('refundClaimId');
    expect(stored).not.toHaveProperty('refundClaimUntil');

    const again = await refund('pay-refund');
    expect(again.statusCode).toBe(202);
    expect(body(again).status).toBe('refunded');
    expect(simulator.calls({ operation: 'refund', paymentId: 'pay-refund' })).toHaveLength(1);
  });

  it.each([2, 10])('of %d concurrent refunds, one reaches the provider and all answer 202 refunded', async (concurrency) => {
    const id = `pay-race-${concurrency}`;
    await givenPayment(id, 'captured');
    const answers = await Promise.all(Array.from({ length: concurrency }, () => refund(id)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(concurrency).fill(202));
    expect(answers.map((a) => body(a).status)).toEqual(Array(concurrency).fill('refunded'));
    expect(simulator.calls({ operation: 'refund', paymentId: id })).toHaveLength(1);
    expect(await storedPayment(id)).toMatchObject({ status: 'refunded', version: 2 });
  });

  it.each(['pending', 'authorized', 'declined', 'voided'] as const)('answers 409 for a %s payment and changes nothing', async (status) => {
    const id = `pay-${status}`;
    await givenPayment(id, status);
    expect((await refund(id)).statusCode).toBe(409);
    expect(await storedPayment(id)).toMatchObject({ status, version: 1 });
    expect(simulator.calls({ paymentId: id })).toHaveLength(0);
  });

  it('takes over a claim whose holder died once its lease ran out, refunding once', async () => {
    await givenPayment('pay-stale-claim', 'captured', { refundClaimId: 'dead', refundClaimUntil: Date.now() - 1 } as Partial<PaymentRecord>);
    expect(body(await refund('pay-stale-claim')).status).toBe('refunded');
    expect(simulator.effects('refund', 'pay-stale-claim')).toBe(1);
  });

  it('answers 202 with the payment still captured while a live claim holds it past the wait', async () => {
    await givenPayment('pay-held', 'captured', { refundClaimId: 'busy', refundClaimUntil: Date.now() + 60_000 } as Partial<PaymentRecord>);
    const response = await refund('pay-held');
    expect(response.statusCode).toBe(202);
    expect(body(response).status).toBe('captured');
    expect(simulator.calls({ paymentId: 'pay-held' })).toHaveLength(0);
  });

  it('answers 404 for an unknown payment', async () => {
    expect((await refund('pay-unknown')).statusCode).toBe(404);
  });
});

describe('POST /webhooks/payments', () => {
  it('moves a pending payment to authorized, acting on a replayed event once', async () => {
    await givenPayment('pay-async', 'pending', { token: 'tok_async' });
    const event = { id: 'evt_async_1', type: 'payment.authorized', data: { paymentId: 'pay-async' } };
    expect((await deliver(event)).statusCode).toBe(204);
    expect(await storedPayment('pay-async')).toMatchObject({ status: 'authorized', version: 2 });

    // Redelivered, at once and later, each time signed afresh as the provider does.
    const redeliveries = await Promise.all(Array.from({ length: 8 }, () => deliver(event)));
    expect(redeliveries.map((r) => r.statusCode)).toEqual(Array(8).fill(204));
    expect((await deliver(event)).statusCode).toBe(204);
    expect(await storedPayment('pay-async')).toMatchObject({ status: 'authorized', version: 2 });

    const { Item } = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'PAYMENT_EVENT#evt_async_1', sk: 'PAYMENT_EVENT' } }),
    );
    expect(Item).toMatchObject({ eventId: 'evt_async_1', paymentId: 'pay-async', outcome: 'pending->authorized' });
    expect((Item!.expiresAt as number) - Date.now() / 1000).toBeGreaterThan(7 * 86400 - 60);
  });

  it('acts once when the first deliveries of an event arrive concurrently', async () => {
    await givenPayment('pay-burst', 'pending');
    const event = { id: 'evt_burst', type: 'payment.failed', data: { paymentId: 'pay-burst', reason: 'card_declined' } };
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(event)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(204));
    expect(await storedPayment('pay-burst')).toMatchObject({ status: 'declined', version: 2 });
  });

  it('a replayed event id does not act again even when the payment could make the move again', async () => {
    await givenPayment('pay-replay', 'pending');
    const event = { id: 'evt_replay', type: 'payment.authorized', data: { paymentId: 'pay-replay' } };
    expect((await deliver(event)).statusCode).toBe(204);
    // Put the payment back where the event found it: only the recorded id stops a second action.
    await givenPayment('pay-replay', 'pending', { version: 7 });
    expect((await deliver(event)).statusCode).toBe(204);
    expect(await storedPayment('pay-replay')).toMatchObject({ status: 'pending', version: 7 });
  });

  it('records but does not apply a transition the payment cannot make', async () => {
    await givenPayment('pay-final', 'refunded');
    expect((await deliver({ id: 'evt_late', type: 'payment.authorized', data: { paymentId: 'pay-final' } })).statusCode).toBe(204);
    expect(await storedPayment('pay-final')).toMatchObject({ status: 'refunded', version: 1 });
  });

  it('refuses a signature older than 5 minutes with 401, recording nothing', async () => {
    await givenPayment('pay-stale', 'pending');
    const response = await deliver({ id: 'evt_stale', type: 'payment.authorized', data: { paymentId: 'pay-stale' } }, new Date(Date.now() - 6 * 60_000));
    expect(response.statusCode).toBe(401);
    expect(body(response)).toMatchObject({ status: 401, type: 'urn:ordersaga:problem:invalid-signature' });
    expect(await storedPayment('pay-stale')).toMatchObject({ status: 'pending' });
    const { Item } = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'PAYMENT_EVENT#evt_stale', sk: 'PAYMENT_EVENT' } }),
    );
    expect(Item).toBeUndefined();
  });
});
