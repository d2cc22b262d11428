import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

process.env.TABLE_NAME = 'unit-table';
process.env.PAYMENT_WEBHOOK_SECRET = 'unit-webhook-secret';

import { paymentProvider } from '#payments/adapters/payment-provider-factory';
import type { PaymentSimulator } from '#payments/adapters/payment-simulator';
import type { PaymentRecord } from '#payments/domain/payment';
import { PaymentProviderUnavailable } from '#payments/domain/payment-errors';
import { signWebhookPayload } from '#contracts/payment-provider/webhook-signature';
import { handler as getPayment } from '#payments/handlers/get-payment';
import { handler as paymentWebhook } from '#payments/handlers/payment-webhook';
import { handler as refundPayment } from '#payments/handlers/refund-payment';

const dynamodb = mockClient(DynamoDBDocumentClient);
const simulator = paymentProvider() as PaymentSimulator;
beforeEach(() => {
  dynamodb.reset();
  jest.restoreAllMocks();
});

const owner = { sub: 'cust-1' };
const stranger = { sub: 'cust-2' };
const admin = { sub: 'admin-1', groups: ['admin'] };
const record = (status: PaymentRecord['status'], id = 'pay-1'): PaymentRecord & { pk: string; sk: string; entity: string } => ({
  pk: `PAYMENT#${id}`,
  sk: 'PAYMENT',
  entity: 'payment',
  id,
  orderId: 'ord-1',
  customerId: 'cust-1',
  status,
  amount: 2490,
  currency: 'EUR',
  method: 'card',
  token: 'tok_visa',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});
const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('GET /payments/{id}', () => {
  const get = (id: string, caller: { sub: string; groups?: string[] }) =>
    getPayment(apiGatewayEvent({ method: 'GET', path: `/api/v1/payments/${id}`, pathParameters: { id }, caller }), lambdaContext());

  it('answers the owner and an admin with the payment, without its token or customer', async () => {
    dynamodb.on(GetCommand, { Key: { pk: 'PAYMENT#pay-1', sk: 'PAYMENT' } }).resolves({ Item: record('captured') });
    for (const caller of [owner, admin]) {
      const response = await get('pay-1', caller);
      expect(response.statusCode).toBe(200);
      expect(body(response)).toEqual({
        id: 'pay-1',
        orderId: 'ord-1',
        status: 'captured',
        amount: 2490,
        currency: 'EUR',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
  });

  it('answers someone else with 404, exactly as for a payment that does not exist', async () => {
    dynamodb.on(GetCommand, { Key: { pk: 'PAYMENT#pay-1', sk: 'PAYMENT' } }).resolves({ Item: record('captured') });
    dynamodb.on(GetCommand, { Key: { pk: 'PAYMENT#nope', sk: 'PAYMENT' } }).resolves({});
    const theirs = await get('pay-1', stranger);
    const missing = await get('nope', stranger);
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(body(theirs).detail).toBe('No payment with id pay-1.');
    expect(theirs.body).not.toContain('ord-1');
  });

  it('answers 400 to a malformed id', async () => {
    expect((await get('a b', owner)).statusCode).toBe(400);
  });
});

describe('POST /payments/{id}/refund', () => {
  const refund = (id: string, caller: { sub: string; groups?: string[] } = admin) =>
    refundPayment(apiGatewayEvent({ method: 'POST', path: `/api/v1/payments/${id}/refund`, pathParameters: { id }, caller }), lambdaContext());

  it("claims the captured payment, refunds it through the provider with the payment's refund key, and answers 202", async () => {
    const providerRefund = jest.spyOn(simulator, 'refund');
    dynamodb
      .on(UpdateCommand)
      .resolvesOnce({ Attributes: { ...record('captured'), refundClaimId: 'x' } })
      .resolvesOnce({ Attributes: { ...record('refunded'), version: 2 } });
    const response = await refund('pay-1');
    expect(response.statusCode).toBe(202);
    expect(body(response)).toMatchObject({ id: 'pay-1', status: 'refunded' });
    expect(providerRefund).toHaveBeenCalledWith({ payment: { id: 'pay-1', amount: 2490, currency: 'EUR', token: 'tok_visa' }, idempotencyKey: 'refund-pay-1' });
    const [claim, complete] = dynamodb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(claim!.ConditionExpression).toContain('#status = :captured');
    expect(complete).toMatchObject({
      ConditionExpression: '#status = :captured AND refundClaimId = :claim',
      ExpressionAttributeValues: expect.objectContaining({ ':claim': claim!.ExpressionAttributeValues![':claim'] }),
    });
  });

  it('answers 202 with an already refunded payment without calling the provider', async () => {
    const providerRefund = jest.spyOn(simulator, 'refund');
    dynamodb.on(UpdateCommand).rejects(conditionFailed());
    dynamodb.on(GetCommand).resolves({ Item: record('refunded') });
    const response = await refund('pay-1');
    expect(response.statusCode).toBe(202);
    expect(body(response).status).toBe('refunded');
    expect(providerRefund).not.toHaveBeenCalled();
  });

  it.each(['pending', 'authorized', 'declined', 'voided'] as const)('answers 409 for a %s payment: nothing to refund', async (status) => {
    dynamodb.on(UpdateCommand).rejects(conditionFailed());
    dynamodb.on(GetCommand).resolves({ Item: record(status) });
    const response = await refund('pay-1');
    expect(response.statusCode).toBe(409);
    expect(body(response).detail).toContain(status);
  });

  it('answers 404 for an unknown payment and 403 to a customer, before touching anything', async () => {
    dynamodb.on(UpdateCommand).rejects(conditionFailed());
    dynamodb.on(GetCommand).resolves({});
    expect((await refund('nope')).statusCode).toBe(404);
    dynamodb.reset();
    expect((await refund('pay-1', owner)).statusCode).toBe(403);
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('answers 503 with Retry-After when the provider is unavailable, and gives the claim back', async () => {
    jest.spyOn(simulator, 'refund').mockRejectedValue(new PaymentProviderUnavailable());
    dynamodb.on(UpdateCommand).resolves({ Attributes: record('captured') });
    const response = await refund('pay-1');
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
    const release = dynamodb.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(release.UpdateExpression).toBe('REMOVE refundClaimId, refundClaimUntil');
  });

  it('waits for a concurrent refund holding the claim and answers its outcome', async () => {
    const providerRefund = jest.spyOn(simulator, 'refund');
    dynamodb.on(UpdateCommand).rejects(conditionFailed());
    dynamodb
      .on(GetCommand)
      .resolvesOnce({ Item: { ...record('captured'), refundClaimId: 'other' } })
      .resolves({ Item: record('refunded') });
    const response = await refund('pay-1');
    expect(response.statusCode).toBe(202);
    expect(body(response).status).toBe('refunded');
    expect(providerRefund).not.toHaveBeenCalled();
  });
});

describe('POST /webhooks/payments', () => {
  const secret = 'unit-webhook-secret';
  const event = { id: 'evt_1', type: 'payment.authorized', data: { paymentId: 'pay-1' } };
  const deliver = (payload: string, signature?: string) =>
    paymentWebhook(
      apiGatewayEvent({
        method: 'POST',
        path: '/api/v1/webhooks/payments',
        body: payload,
        headers: signature === undefined ? {} : { 'Stripe-Signature': signature },
      }),
      lambdaContext(),
    );
  const signed = (payload: string, at = new Date()) => deliver(payload, signWebhookPayload(payload, secret, at));

  it.each([
    ['no signature', undefined],
    ['a malformed signature', 'nonsense'],
    ['a signature with another secret', signWebhookPayload(JSON.stringify(event), 'wrong', new Date())],
    ['a stale signature', signWebhookPayload(JSON.stringify(event), secret, new Date(Date.now() - 301_000))],
  ])('answers 401 problem+json to %s, reading nothing', async (_what, signature) => {
    const response = await deliver(JSON.stringify(event), signature);
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it.each([
    ['a body that is not an event', '{"id":"evt_1"}'],
    ['a body that is not JSON', 'not json'],
    ['an empty body', ''],
  ])('answers 401, not 400, to an unsigned or badly signed request with %s: the signature is checked first', async (_what, payload) => {
    for (const signature of [undefined, 'nonsense', signWebhookPayload(payload, 'wrong', new Date())]) {
      const response = await deliver(payload, signature);
      expect(response.statusCode).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ type: 'urn:ordersaga:problem:invalid-signature', status: 401 });
    }
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it("reads the signature from Stripe's header, Stripe-Signature, and no other", async () => {
    const payload = JSON.stringify(event);
    const response = await paymentWebhook(
      apiGatewayEvent({
        method: 'POST',
        path: '/api/v1/webhooks/payments',
        body: payload,
        headers: { 'Payment-Signature': signWebhookPayload(payload, secret, new Date()) },
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(401);
  });

  it('answers 400 to a signed body that is not an event', async () => {
    expect((await signed('{"id":"evt_1"}')).statusCode).toBe(400);
    expect((await signed('not json')).statusCode).toBe(400);
  });

  it('records the event and moves the payment in one transaction, then answers 204', async () => {
    dynamodb.on(GetCommand).resolves({ Item: record('pending') });
    dynamodb.on(TransactWriteCommand).resolves({});
    const response = await signed(JSON.stringify(event));
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const [put, update] = dynamodb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(put!.Put).toMatchObject({
      Item: { pk: 'PAYMENT_EVENT#evt_1', sk: 'PAYMENT_EVENT', eventId: 'evt_1', expiresAt: expect.any(Number) },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const ttl = (put!.Put!.Item as { expiresAt: number }).expiresAt - Date.now() / 1000;
    expect(ttl).toBeGreaterThan(6.9 * 86400);
    expect(ttl).toBeLessThan(7.1 * 86400);
    expect(update!.Update).toMatchObject({
      Key: { pk: 'PAYMENT#pay-1', sk: 'PAYMENT' },
      ConditionExpression: '#status = :from',
      ExpressionAttributeValues: expect.objectContaining({ ':from': 'pending', ':to': 'authorized' }),
    });
  });

  it('answers 204 to a replayed event without acting again', async () => {
    dynamodb.on(GetCommand).resolves({ Item: record('pending') });
    dynamodb
      .on(TransactWriteCommand)
      .rejects(
        new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
      );
    expect((await signed(JSON.stringify(event))).statusCode).toBe(204);
    expect(dynamodb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('records, without a status change, an event of a type it does not act on or a transition the payment cannot make', async () => {
    dynamodb.on(GetCommand).resolves({ Item: record('refunded') });
    dynamodb.on(TransactWriteCommand).resolves({});
    expect((await signed(JSON.stringify({ ...event, id: 'evt_2', type: 'payment.disputed' }))).statusCode).toBe(204);
    expect((await signed(JSON.stringify({ ...event, id: 'evt_3' }))).statusCode).toBe(204);
    for (const call of dynamodb.commandCalls(TransactWriteCommand)) expect(call.args[0].input.TransactItems).toHaveLength(1);
  });

  it('decides again when the payment changed under it', async () => {
    dynamodb
      .on(GetCommand)
      .resolvesOnce({ Item: record('pending') })
      .resolves({ Item: record('authorized') });
    dynamodb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }),
      )
      .resolves({});
    expect((await signed(JSON.stringify(event))).statusCode).toBe(204);
    const calls = dynamodb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.TransactItems).toHaveLength(1);
  });
});
