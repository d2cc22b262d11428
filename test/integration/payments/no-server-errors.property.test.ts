import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { startLocalTable, WEBHOOK_SECRET, type LocalTable } from '../inventory/local-table';
import { PAYMENT_STATUSES } from '#payments/domain/payment';
import { signWebhookPayload } from '#contracts/payment-provider/webhook-signature';

/**
 * Whatever arrives (any body, header, path or query value, with or without a token or a valid
 * signature), no payments handler answers 5xx, against a real DynamoDB with payments in every status.
 */

jest.setTimeout(300_000);

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
let table: LocalTable;
let handlers: { get: Handler; refund: Handler; webhook: Handler };
const paymentIds = PAYMENT_STATUSES.flatMap((status) => [`prop-${status}-1`, `prop-${status}-2`]);

beforeAll(async () => {
  table = await startLocalTable('payments-props');
  handlers = {
    get: (await import('#payments/handlers/get-payment')).handler,
    refund: (await import('#payments/handlers/refund-payment')).handler,
    webhook: (await import('#payments/handlers/payment-webhook')).handler,
  };
  const at = new Date().toISOString();
  for (const id of paymentIds) {
    const status = id.split('-')[1];
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: `PAYMENT#${id}`,
          sk: 'PAYMENT',
          entity: 'payment',
          id,
          orderId: 'o',
          customerId: 'cust-1',
          status,
          amount: 100,
          currency: 'EUR',
          method: 'card',
          token: 'tok_visa',
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      }),
    );
  }
});

afterAll(async () => {
  await table?.stop();
});

/** See the catalog property test: the event builder crashes on Object.prototype member names. */
const notPrototypeMember = (name: string) => !(name in Object.prototype);
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 80 }));
const idLike = fc.oneof(fc.constantFrom(...paymentIds, 'unknown-payment'), anyText, fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/));
const eventLike = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^evt_[A-Za-z0-9]{1,8}$/), anyText),
    type: fc.oneof(
      fc.constantFrom(
        'payment.authorized',
        'payment.failed',
        'payment.captured',
        'payment.voided',
        'payment.refunded',
        'payment.disputed',
        'toString',
        '__proto__',
      ),
      anyText,
    ),
    data: fc.oneof(fc.record({ paymentId: idLike, reason: fc.option(anyText, { nil: undefined }) }, { requiredKeys: ['paymentId'] }), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const bodyOf = fc.oneof(
  anyText,
  fc.json(),
  eventLike.map((event) => JSON.stringify(event)),
  fc.constant(undefined),
);
const headersOf = fc.dictionary(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/).filter(notPrototypeMember), fc.string({ maxLength: 100 }), { maxKeys: 4 });
const signatureOf = fc.oneof(
  fc.constant('valid' as const),
  fc.constant('none' as const),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: -1e6, max: 1e6 }).map((skewSeconds) => ({ skewSeconds })),
);
const queryOf = fc
  .dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter(notPrototypeMember), anyText, { maxKeys: 3 })
  .map((q) => new URLSearchParams(q).toString());
const callerOf = fc.constantFrom<{ sub: string; groups?: string[] } | undefined>(
  undefined,
  { sub: 'cust-1' },
  { sub: 'cust-2' },
  { sub: 'admin-1', groups: ['admin'] },
);

async function call(
  route: 'get' | 'refund' | 'webhook',
  id: string,
  body: string | undefined,
  headers: Record<string, string>,
  signature: unknown,
  query: string,
  caller: { sub: string; groups?: string[] } | undefined,
) {
  if (route === 'webhook') {
    const payload = body ?? '';
    const signed = { ...headers };
    if (signature === 'valid') signed['Stripe-Signature'] = signWebhookPayload(payload, WEBHOOK_SECRET, new Date());
    else if (typeof signature === 'string' && signature !== 'none') signed['Stripe-Signature'] = signature;
    else if (typeof signature === 'object' && signature) {
      signed['Stripe-Signature'] = signWebhookPayload(
        payload,
        WEBHOOK_SECRET,
        new Date(Date.now() + (signature as { skewSeconds: number }).skewSeconds * 1000),
      );
    }
    return handlers.webhook(apiGatewayEvent({ method: 'POST', path: '/api/v1/webhooks/payments', body, headers: signed, query }), lambdaContext());
  }
  const path = route === 'get' ? `/api/v1/payments/${id}` : `/api/v1/payments/${id}/refund`;
  return handlers[route](
    apiGatewayEvent({ method: route === 'get' ? 'GET' : 'POST', path, pathParameters: { id }, body, headers, query, caller }),
    lambdaContext(),
  );
}

describe('payments handlers (property)', () => {
  it('never answer 5xx, and every error is a problem document', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('get' as const, 'refund' as const, 'webhook' as const),
        idLike,
        bodyOf,
        headersOf,
        signatureOf,
        queryOf,
        callerOf,
        async (route, id, body, headers, signature, query, caller) => {
          const response = await call(route, id, body, headers, signature, query, caller);
          if (response.statusCode >= 500) throw new Error(`${route} answered ${response.statusCode}: ${response.body}`);
          if (response.statusCode >= 400) {
            expect(response.headers?.['content-type']).toBe('application/problem+json');
            expect(JSON.parse(response.body)).toMatchObject({ status: response.statusCode, type: expect.stringMatching(/^urn:ordersaga:problem:/) });
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
