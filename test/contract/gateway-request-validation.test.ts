import * as z from 'zod';
import { draft4Model } from '#contracts/api/draft4-model';
import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { fixtureContracts } from './support/fixture-contracts';

const contract = (operationId: string) => fixtureContracts.find((c) => c.operationId === operationId)!;

describe('API Gateway models (JSON Schema draft 4) from zod schemas', () => {
  test('later-draft forms become their draft-4 equivalents', () => {
    const schema = draft4Model(
      z.strictObject({
        kind: z.literal('card'),
        amount: z.number().positive().lt(100),
        pair: z.tuple([z.string(), z.number()]),
        tags: z.record(z.string(), z.string()),
        note: z.string().nullable(),
      }),
      'test',
    );
    expect(schema).toEqual({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['card'] },
        amount: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false, minItems: 2, maxItems: 2 },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        note: { type: ['string', 'null'] },
      },
      required: ['kind', 'amount', 'pair', 'tags', 'note'],
      additionalProperties: false,
    });
  });

  test('named schemas are inlined (a model cannot reference another), annotations that validate nothing are dropped', () => {
    const address = z.strictObject({ examples: z.string() }).meta({ id: 'TestInlinedAddress', examples: [{ examples: 'x' }], description: 'kept' });
    const schema = draft4Model(z.strictObject({ address }), 'test');
    expect(schema.properties).toEqual({
      address: { type: 'object', properties: { examples: { type: 'string' } }, required: ['examples'], additionalProperties: false, description: 'kept' },
    });
  });

  test('a schema draft 4 cannot express fails, naming the route', () => {
    expect(() => draft4Model(z.strictObject({ at: z.date() }), 'PUT /x (putX)')).toThrow(/^the schema of PUT \/x \(putX\) has no JSON Schema equivalent/);
  });
});

describe('gatewayRequestValidation', () => {
  test('POST /orders: the body model and a required Idempotency-Key', () => {
    const validation = gatewayRequestValidation(contract('createOrder'));
    expect(validation.bodyModel?.name).toBe('CreateOrderBody');
    expect(validation.requestParameters).toEqual({ 'method.request.header.Idempotency-Key': true });
  });

  test('query parameters are listed but not required when the schema makes them optional; path parameters always are', () => {
    expect(gatewayRequestValidation(contract('listOrders')).requestParameters).toEqual({
      'method.request.querystring.customerId': false,
      'method.request.querystring.status': false,
      'method.request.querystring.limit': false,
      'method.request.querystring.cursor': false,
    });
    expect(gatewayRequestValidation(contract('getOrder'))).toEqual({ bodyModel: undefined, requestParameters: { 'method.request.path.id': true } });
  });

  test('a route whose handler authenticates the body first (the signed webhook) has no body model, and its optional signature is not required', () => {
    const webhook = contract('receivePaymentWebhook');
    expect(webhook.body).toBeDefined();
    expect(gatewayRequestValidation(webhook)).toEqual({ bodyModel: undefined, requestParameters: { 'method.request.header.Stripe-Signature': false } });
    expect(gatewayRequestValidation({ ...webhook, gatewayBodyModel: undefined }).bodyModel).toBeDefined();
  });

  test('Authorization and Content-Type are never method parameters (the authorizer and the model cover them)', () => {
    const validation = gatewayRequestValidation({
      ...contract('getOrder'),
      headers: z.object({ authorization: z.string(), 'content-type': z.string(), 'x-thing': z.string() }),
    });
    expect(validation.requestParameters).toEqual({ 'method.request.path.id': true, 'method.request.header.X-Thing': true });
  });
});
