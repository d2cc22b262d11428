import fc from 'fast-check';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ISO_COUNTRY_CODES } from '#orders/domain/iso-country-codes';
import { problemSchema } from '#contracts/api/problem-schema';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { CATALOG, startOrdersTable, type OrdersTable } from './orders-table';

/**
 * Whatever a client sends (any body, header, path or query value, with or without a token), no
 * orders handler answers 5xx, and every 4xx is a problem document: against a real DynamoDB, so odd
 * values that pass validation reach real keys, conditions and queries.
 */

jest.setTimeout(300_000);

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
interface Route {
  method: string;
  resource: string;
  path: (id: string) => string;
  handler: Handler;
}
let table: OrdersTable;
let routes: Route[];
let existingOrderId: string;

beforeAll(async () => {
  table = await startOrdersTable('props');
  for (const product of CATALOG) await table.putProduct(product);
  const load = async (name: string) => (await import(`../../../functions/orders/handlers/${name}`)).handler as Handler;
  routes = [
    { method: 'POST', resource: '/api/v1/orders', path: () => '/api/v1/orders', handler: await load('create-order') },
    { method: 'GET', resource: '/api/v1/orders', path: () => '/api/v1/orders', handler: await load('list-orders') },
    { method: 'GET', resource: '/api/v1/orders/{id}', path: (id) => `/api/v1/orders/${id}`, handler: await load('get-order') },
    { method: 'POST', resource: '/api/v1/orders/{id}/cancel', path: (id) => `/api/v1/orders/${id}/cancel`, handler: await load('cancel-order') },
    { method: 'PATCH', resource: '/api/v1/orders/{id}/status', path: (id) => `/api/v1/orders/${id}/status`, handler: await load('update-order-status') },
  ];
  const placed = await routes[0]!.handler(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'Idempotency-Key': 'seed' },
      body: JSON.stringify({
        items: [{ sku: 'SKU-1', quantity: 1 }],
        shippingAddress: { name: 'A', line1: '1', city: 'B', postalCode: '1', country: 'DE' },
        payment: { method: 'card', token: 'tok_visa' },
      }),
      caller: { sub: 'cust-1' },
    }),
    lambdaContext(),
  );
  existingOrderId = JSON.parse(placed.body).id;
});

afterAll(async () => {
  await table?.stop();
});

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const idLike = fc.oneof(
  anyText,
  fc.constantFrom('', '%', '..', 'a'.repeat(65), '01JZZZZZZZZZZZZZZZZZZZZZZZ'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  fc.constant('EXISTING'),
);
const numberish = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, 1, 100, 101, -1, 2 ** 53, 1e308), fc.string(), fc.constant(null));
/** Bodies near enough to valid that many pass validation and reach DynamoDB with odd values. */
const nearlyValidOrder = fc.record(
  {
    items: fc.array(
      fc.record({
        sku: fc.oneof(fc.constantFrom(...CATALOG.map((p) => p.sku), 'GHOST'), anyText),
        quantity: fc.oneof(fc.integer({ min: 1, max: 100 }), numberish),
      }),
      { maxLength: 52 },
    ),
    shippingAddress: fc.record(
      {
        name: anyText,
        line1: anyText,
        line2: fc.option(anyText, { nil: undefined }),
        city: anyText,
        postalCode: anyText,
        country: fc.oneof(fc.constantFrom('DE', 'US', 'XX', 'de'), anyText),
      },
      { requiredKeys: ['name', 'line1', 'city', 'postalCode', 'country'] },
    ),
    payment: fc.record({ method: fc.oneof(fc.constant('card'), anyText), token: fc.oneof(fc.constantFrom('tok_visa', 'tok_declined'), anyText) }),
    extra: fc.jsonValue(),
  },
  { requiredKeys: ['items', 'shippingAddress', 'payment'] },
);
/** Valid bodies with odd but allowed values (unicode names, every country, unknown skus): they reach pricing and the write. */
const visibleText = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((text) => text.trim().length > 0 && text.trim().length <= max);
const validOrder = fc.record({
  items: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...CATALOG.map((p) => p.sku), 'GHOST', 'a_-9'), quantity: fc.integer({ min: 1, max: 100 }) }), {
    minLength: 1,
    maxLength: 4,
    selector: (item) => item.sku,
  }),
  shippingAddress: fc.record({
    name: visibleText(100),
    line1: visibleText(200),
    city: visibleText(100),
    postalCode: visibleText(20),
    country: fc.constantFrom(...ISO_COUNTRY_CODES),
  }),
  payment: fc.record({ method: fc.constant('card'), token: fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/) }),
});
const bodyOf = fc.oneof(
  { arbitrary: validOrder.map((value) => JSON.stringify(value)), weight: 4 },
  anyText,
  fc.json(),
  nearlyValidOrder.map((value) => JSON.stringify(value)),
  fc
    .record({ status: fc.oneof(fc.constantFrom('pending', 'confirmed', 'shipped', 'delivered', 'cancelled'), anyText, numberish) }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value)),
  fc.constant(undefined),
);
/** local/front-door/proxy-event.ts groups names into a plain object: names like `toString` break it before any handler runs. */
const notPrototypeMember = (name: string) => !(name in Object.prototype);
const queryOf = fc
  .dictionary(
    fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'customerId'), fc.string({ minLength: 1, maxLength: 10 }).filter(notPrototypeMember)),
    fc.oneof(anyText, fc.integer().map(String), fc.constantFrom('pending', 'cust-1', '0', '100', '101', 'eyJhZnRlciI6IlgifQ.AAAA')),
    { maxKeys: 4 },
  )
  .map((query) => new URLSearchParams(query).toString());
const someHeaders = fc.dictionary(
  fc.oneof(fc.constant('Idempotency-Key'), fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/).filter(notPrototypeMember)),
  fc.oneof(fc.string({ maxLength: 130 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/)),
  { maxKeys: 4 },
);
/** Half the time a well-formed Idempotency-Key, often from a small set so that replays and mismatches happen. */
const headersOf = fc.oneof(
  someHeaders,
  fc
    .tuple(someHeaders, fc.oneof(fc.constantFrom('k1', 'k2', 'K-3_long-key'), fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/)))
    .map(([headers, key]) => ({ ...headers, 'idempotency-key': key })),
);
const callerOf = fc.constantFrom<{ sub: string; groups?: string[] } | undefined>(
  undefined,
  { sub: 'cust-1' },
  { sub: 'cust-2' },
  { sub: 'admin-1', groups: ['admin'] },
);

describe('orders handlers (property)', () => {
  it('never answer 5xx, and every error is a problem document', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        idLike,
        bodyOf,
        queryOf,
        headersOf,
        callerOf,
        async (which, id, body, query, headers, caller) => {
          const route = routes[which]!;
          const orderId = id === 'EXISTING' ? existingOrderId : id;
          const event = apiGatewayEvent({
            method: route.method,
            path: route.path(encodeURIComponent(orderId)),
            resource: route.resource,
            pathParameters: route.resource.includes('{id}') ? { id: orderId } : undefined,
            query,
            headers,
            body,
            caller,
          });
          const response = await route.handler(event, lambdaContext());
          if (response.statusCode >= 500) throw new Error(`${route.method} ${route.resource} answered ${response.statusCode}: ${response.body}`);
          if (response.statusCode >= 400) {
            expect(response.headers?.['content-type']).toBe('application/problem+json');
            expect(problemSchema.safeParse(JSON.parse(response.body)).success).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
