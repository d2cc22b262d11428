import * as z from 'zod';
import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import type { RouteContract } from '#contracts/api/route-contract';
import { GatewayRequestValidator } from '#local/front-door/gateway-request-validator';

const contract: RouteContract = {
  method: 'POST',
  path: '/api/v1/things',
  operationId: 'createThing',
  headers: z.object({ 'idempotency-key': z.string().min(1) }),
  query: z.object({ dryRun: z.string().optional() }),
  body: z.strictObject({ name: z.string().min(1), count: z.number().int().min(1).max(10) }),
  responses: { 201: { description: 'created' } },
};
const validator = new GatewayRequestValidator(new Map([['POST /api/v1/things', gatewayRequestValidation(contract)]]));
const check = (headers: [string, string][], body: unknown, query = '') =>
  validator.check('POST /api/v1/things', {
    rawHeaders: headers,
    query: new URLSearchParams(query),
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  });
const key: [string, string] = ['Idempotency-Key', 'k1'];

describe('gateway request validator (models generated from the route contract)', () => {
  it('passes a request that matches the model and has the required header', () => {
    expect(check([key], { name: 'a', count: 2 })).toBe('valid');
  });

  it('rejects a missing required header as a parameter error, whatever the body', () => {
    expect(check([], { name: 'a', count: 2 })).toBe('BAD_REQUEST_PARAMETERS');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
  ])('rejects a required header that is present but %s, as API Gateway rejects a blank parameter', (_what, value) => {
    expect(check([['Idempotency-Key', value]], { name: 'a', count: 2 })).toBe('BAD_REQUEST_PARAMETERS');
  });

  it('rejects a required query parameter that is present but blank', () => {
    const listing: RouteContract = {
      method: 'GET',
      path: '/api/v1/things',
      operationId: 'listThings',
      query: z.object({ owner: z.string() }),
      responses: { 200: { description: 'listed' } },
    };
    const listings = new GatewayRequestValidator(new Map([['GET /api/v1/things', gatewayRequestValidation(listing)]]));
    const list = (query: string) => listings.check('GET /api/v1/things', { rawHeaders: [], query: new URLSearchParams(query), body: Buffer.alloc(0) });
    expect(list('owner=alice')).toBe('valid');
    expect(list('owner=')).toBe('BAD_REQUEST_PARAMETERS');
    expect(list('owner')).toBe('BAD_REQUEST_PARAMETERS');
    expect(list('')).toBe('BAD_REQUEST_PARAMETERS');
  });

  it.each([
    ['an unknown field', { name: 'a', count: 2, extra: true }],
    ['a value out of range', { name: 'a', count: 11 }],
    ['a missing field', { name: 'a' }],
    ['a wrong type', { name: 'a', count: '2' }],
    ['malformed JSON', '{"name":'],
  ])('rejects a body with %s', (_what, body) => {
    expect(check([key], body)).toBe('BAD_REQUEST_BODY');
  });

  it('leaves a non-JSON content type to the handler, as a JSON model does not apply', () => {
    expect(check([key, ['Content-Type', 'text/plain']], 'hello')).toBe('valid');
  });

  it('does not validate routes it has no contract for', () => {
    expect(validator.check('GET /api/v1/other', { rawHeaders: [], query: new URLSearchParams(), body: Buffer.alloc(0) })).toBe('valid');
  });
});
