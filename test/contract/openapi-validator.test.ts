import { handler as healthHandler } from '#platform/handlers/health';
import { handler as openApiHandler } from '#platform/handlers/open-api-document';
import { gatewayProblems } from '#contracts/gateway-responses';
import { problemBodyTemplate } from '#lib/constructs/problem-gateway-responses';
import { apiGatewayEvent, lambdaContext } from '../support/api-gateway-event';
import { createResponseValidator, validateResponse } from './openapi-validator';
import { fixtureDocument } from './support/fixture-document';

const validate = createResponseValidator(fixtureDocument());
const json = { 'content-type': 'application/json' };
const problemJson = { 'content-type': 'application/problem+json' };

const order = {
  id: '01HZY3Q8W2K4N6P8R0T2V4X6Z8',
  customerId: 'alice',
  status: 'pending',
  items: [{ sku: 'SKU-1', name: 'Widget', quantity: 2, unitPrice: 1250 }],
  totalAmount: 2500,
  currency: 'EUR',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { id: '01HZY3Q8W2K4N6P8R0T2V4X6Z9', status: 'pending' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const problem = (status: number, extra: object = {}) => ({
  type: 'urn:ordersaga:problem:x',
  title: 'T',
  status,
  detail: 'd',
  instance: '/api/v1/orders',
  ...extra,
});

describe("validateResponse (against the fixture contracts' document)", () => {
  test('a conforming response has no problems; the body may be a string or parsed', () => {
    const headers = { ...json, Location: '/api/v1/orders/01HZY3Q8W2K4N6P8R0T2V4X6Z8', 'x-correlation-id': 'c-1' };
    expect(validate('POST', '/api/v1/orders', 201, headers, JSON.stringify(order))).toEqual([]);
    expect(validate('post', '/api/v1/orders', 201, new Headers(headers), order)).toEqual([]);
  });

  test('a missing required header, an unknown member and a wrong type are all reported', () => {
    const problems = validate('POST', '/api/v1/orders', 201, json, { ...order, totalAmount: '25.00', secret: 'x' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'POST /api/v1/orders 201: required header Location is missing',
        'POST /api/v1/orders 201: body must NOT have additional properties (secret)',
        'POST /api/v1/orders 201: body/totalAmount must be integer',
      ]),
    );
  });

  test('an undocumented status, a wrong content type, and a body where none is documented', () => {
    expect(validate('GET', '/api/v1/orders/x', 418, json, {})).toEqual([expect.stringContaining('status 418 is not documented')]);
    expect(validate('GET', '/api/v1/orders/01HZY3Q8W2K4N6P8R0T2V4X6Z8', 404, json, problem(404))).toEqual([
      'GET /api/v1/orders/{id} 404: content-type application/json is not one of application/problem+json',
    ]);
    expect(validate('POST', '/api/v1/webhooks/payments', 204, {}, '')).toEqual([]);
    expect(validate('POST', '/api/v1/webhooks/payments', 204, json, '{}')).toEqual([
      'POST /api/v1/webhooks/payments 204: the document says this response has no body, but it has one',
    ]);
  });

  test('paths match templates, with a query string or a stage in front; unknown paths and methods are reported', () => {
    expect(validate('GET', '/dev/api/v1/orders/01HZY3Q8W2K4N6P8R0T2V4X6Z8?x=1', 200, json, order)).toEqual([]);
    expect(validate('GET', 'https://abc.execute-api.eu-west-1.amazonaws.com/dev/api/v1/health', 200, json, { status: 'ok' })).toEqual([]);
    expect(validate('GET', '/api/v2/nothing', 200, json, {})).toEqual(['GET /api/v2/nothing 200: no path of the document matches /api/v2/nothing']);
    expect(validate('DELETE', '/api/v1/orders/x', 200, json, {})).toEqual([
      'DELETE /api/v1/orders/{id} 200: the document has no DELETE operation on /api/v1/orders/{id}',
    ]);
  });

  test('problem bodies are strict: a leaked stack trace fails', () => {
    expect(validate('GET', '/api/v1/orders/x', 404, problemJson, problem(404))).toEqual([]);
    expect(validate('GET', '/api/v1/orders/x', 404, problemJson, problem(404, { stack: 'Error: at …' }))).toEqual([
      'GET /api/v1/orders/{id} 404: body must NOT have additional properties (stack)',
    ]);
  });

  test("the gateway's answers: 429 needs Retry-After, any 5xx is a problem", () => {
    expect(validate('GET', '/api/v1/products', 429, { ...problemJson, 'Retry-After': '1' }, problem(429))).toEqual([]);
    expect(validate('GET', '/api/v1/products', 429, problemJson, problem(429))).toEqual(['GET /api/v1/products 429: required header Retry-After is missing']);
    expect(validate('GET', '/api/v1/products', 504, problemJson, problem(504))).toEqual([]);
  });

  test('every problem body the gateway is configured to send validates, fallbacks included', () => {
    // Not answers to a request on a route: the 404s belong to no operation; this API has no usage plans
    // (no QUOTA_EXCEEDED), and proxy integrations pass every media type through (no 415).
    const notOnARoute = new Set(['MISSING_AUTHENTICATION_TOKEN', 'RESOURCE_NOT_FOUND', 'QUOTA_EXCEEDED', 'UNSUPPORTED_MEDIA_TYPE']);
    const checked = gatewayProblems.filter((gatewayProblem) => !notOnARoute.has(gatewayProblem.type));
    expect(checked.map((gatewayProblem) => gatewayProblem.type)).toEqual(
      expect.arrayContaining(['UNAUTHORIZED', 'THROTTLED', 'WAF_FILTERED', 'DEFAULT_4XX', 'DEFAULT_5XX']),
    );
    for (const gatewayProblem of checked) {
      const body = JSON.parse(problemBodyTemplate(gatewayProblem).replace('$context.path', '/dev/api/v1/orders'));
      const headers = { ...problemJson, ...gatewayProblem.headers };
      // A fallback answers whatever status fell back to it; any documented one will do.
      const status = gatewayProblem.status ?? (gatewayProblem.type === 'DEFAULT_4XX' ? 400 : 500);
      expect({ type: gatewayProblem.type, problems: validate('POST', '/api/v1/orders', status, headers, body) }).toEqual({
        type: gatewayProblem.type,
        problems: [],
      });
    }
  });
});

describe("validateResponse (against the API's own document)", () => {
  test("the platform handlers' responses conform", async () => {
    const health = await healthHandler(apiGatewayEvent({ method: 'GET', path: '/api/v1/health' }), lambdaContext());
    expect(validateResponse('GET', '/api/v1/health', health.statusCode, health.headers ?? {}, health.body)).toEqual([]);
    const document = await openApiHandler(apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json' }), lambdaContext());
    expect(validateResponse('GET', '/api/v1/openapi.json', document.statusCode, document.headers ?? {}, document.body)).toEqual([]);
    const notModified = await openApiHandler(
      apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json', headers: { 'If-None-Match': String(document.headers!.etag) } }),
      lambdaContext(),
    );
    expect(notModified.statusCode).toBe(304);
    expect(validateResponse('GET', '/api/v1/openapi.json', notModified.statusCode, notModified.headers ?? {}, notModified.body)).toEqual([]);
  });
});
