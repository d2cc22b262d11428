import * as z from 'zod';
import { componentSchemas } from '#contracts/api/component-schemas';
import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import type { OpenApiOperation, OpenApiParameter, OpenApiResponse } from '#contracts/api/openapi-types';
import type { RouteContract } from '#contracts/api/route-contract';
import { gatewayProblems } from '#contracts/gateway-responses';
import type { RouteSpec } from '#contracts/wiring';
import { fixtureContracts } from './support/fixture-contracts';
import { fixtureDocument } from './support/fixture-document';
import { appWiring } from '#lib/wiring';

const document = fixtureDocument();
const operation = (method: string, path: string): OpenApiOperation => (document.paths[path] as Record<string, OpenApiOperation>)[method.toLowerCase()]!;
const inlineResponse = (op: OpenApiOperation, status: string) => op.responses[status] as OpenApiResponse;
const everyOperation = () => appWiring.routes.map((route) => ({ route, op: operation(route.method, route.path) }));

describe('the generated OpenAPI document', () => {
  test('is OpenAPI 3.1 with one operation per route of the route table, and no other', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(appWiring.routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  test('routes with auth none need no token; every other route needs the bearer JWT', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const { route, op } of everyOperation())
      expect({ route: route.path, security: op.security }).toEqual({ route: route.path, security: route.auth === 'none' ? [] : [{ bearerAuth: [] }] });
    expect(operation('GET', '/api/v1/health').security).toEqual([]);
    expect(operation('GET', '/api/v1/openapi.json').security).toEqual([]);
  });

  test('admin routes say so', () => {
    for (const { route, op } of everyOperation()) expect(op.description?.includes('`admin` group') ?? false).toBe(route.auth === 'admin');
  });

  test('every 4xx and 5xx is problem+json with the Problem schema', () => {
    // `status` may be absent only on a gateway fallback answer (contracts/gateway-responses.ts).
    expect(document.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: ['type', 'title', 'detail', 'instance'],
      additionalProperties: false,
    });
    const responses = [...everyOperation().flatMap(({ op }) => Object.entries(op.responses)), ...Object.entries(document.components.responses)];
    for (const [status, response] of responses) {
      if ('$ref' in response || /^[23]/.test(status)) continue;
      expect(response.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    }
  });

  test("the gateway's own answers are documented where they can happen", () => {
    for (const { route, op } of everyOperation()) {
      const statuses = Object.keys(op.responses);
      expect(statuses).toEqual(expect.arrayContaining(['429', '500', '502', '504']));
      if (route.auth === 'none') expect(statuses).not.toContain('403');
      else expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(operation('POST', '/api/v1/orders').responses['413']).toEqual({ $ref: '#/components/responses/PayloadTooLarge' });
    expect(document.components.responses.TooManyRequests.headers).toMatchObject({ 'Retry-After': { $ref: '#/components/headers/Retry-After' } });
    expect(document.components.headers['Retry-After']).toMatchObject({ required: true });
    expect(document.components.responses.Unauthorized.headers).toMatchObject({ 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } });
    // Every gateway response the stack configures with a header documents it.
    const documentedHeaders = Object.keys(document.components.headers).map((name) => name.toLowerCase());
    for (const problem of gatewayProblems) for (const name of Object.keys(problem.headers ?? {})) expect(documentedHeaders).toContain(name.toLowerCase());
  });

  test('every integer states its format: int32 when its bounds fit 32 bits, else int64', () => {
    const integers: Record<string, unknown>[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        if ((node as Record<string, unknown>).type === 'integer') integers.push(node as Record<string, unknown>);
        Object.values(node).forEach(collect);
      }
    };
    collect(document);
    expect(integers.length).toBeGreaterThan(0);
    for (const integer of integers) {
      const fits = Number(integer.minimum) >= -(2 ** 31) && Number(integer.maximum) <= 2 ** 31 - 1;
      expect(integer.format).toBe(fits ? 'int32' : 'int64');
    }
  });

  test("every answer declares the CORS headers it may carry; a handler's also Vary", () => {
    const cors = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers'];
    for (const { op } of everyOperation()) {
      for (const response of Object.values(op.responses)) {
        if ('$ref' in response) continue;
        expect(Object.keys(response.headers ?? {})).toEqual(expect.arrayContaining([...cors, 'Vary']));
      }
    }
    for (const response of Object.values(document.components.responses)) expect(Object.keys(response.headers ?? {})).toEqual(expect.arrayContaining(cors));
    expect(document.components.headers['Access-Control-Allow-Origin']).not.toHaveProperty('required');
  });

  test("a status both the handler and the gateway answer keeps the handler's response and mentions the gateway", () => {
    const badRequest = inlineResponse(operation('POST', '/api/v1/orders'), '400');
    expect(badRequest.description).toBe(
      'Invalid body\n\nThe gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.',
    );
  });

  test('POST /orders: Idempotency-Key is a required header, 201 sets Location, 409 sets Retry-After', () => {
    const op = operation('POST', '/api/v1/orders');
    expect(op.parameters).toContainEqual({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
    });
    expect(inlineResponse(op, '201').headers?.Location).toMatchObject({ required: true, schema: { type: 'string', format: 'uri-reference' } });
    expect(inlineResponse(op, '409').headers?.['Retry-After']).toMatchObject({ required: true });
    expect(op.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrderRequest' } } } });
  });

  test('schemas with an id are shared components; others are named after their operation', () => {
    expect(inlineResponse(operation('GET', '/api/v1/orders/{id}'), '200').content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/FixtureOrder' } },
    });
    expect(inlineResponse(operation('POST', '/api/v1/orders/{id}/cancel'), '202').content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/FixtureOrder' } },
    });
    const createOrder = document.components.schemas.CreateOrderRequest as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(createOrder.properties.shippingAddress).toEqual({ $ref: '#/components/schemas/FixtureShippingAddress' });
    expect(createOrder.additionalProperties).toBe(false);
    expect(JSON.stringify(document)).not.toMatch(/"\$(id|schema|defs)"|__shared/);
  });

  test('path, query and header parameters come from the contract, with optional query parameters and their defaults', () => {
    const list = operation('GET', '/api/v1/orders').parameters as OpenApiParameter[];
    expect(list.find((p) => p.name === 'limit')).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { default: 20, type: 'integer', minimum: 1, maximum: 100, format: 'int32' },
    });
    expect(list.find((p) => p.name === 'cursor')).toMatchObject({ required: false, description: "Opaque; from the previous page's nextCursor" });
    expect((operation('GET', '/api/v1/orders/{id}').parameters as OpenApiParameter[])[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    for (const { op } of everyOperation()) expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/X-Correlation-Id' });
  });

  test('is the same document every time it is built', () => {
    expect(JSON.stringify(fixtureDocument())).toBe(JSON.stringify(document));
  });

  test('a route whose contract is missing fails the build, naming it', () => {
    const contracts = fixtureContracts.filter((contract) => contract.operationId !== 'getPayment');
    expect(() => buildOpenApiDocument({ routes: appWiring.routes, functions: appWiring.functions, contracts, version: '1' })).toThrow(
      'route GET /api/v1/payments/{id} has no contract',
    );
  });

  test('a schema JSON Schema cannot express fails the build, naming the route', () => {
    const route: RouteSpec = { method: 'PUT', path: '/api/v1/products/{sku}', functionId: 'putProduct', auth: 'admin', summary: 'x' };
    const contract: RouteContract = {
      method: 'PUT',
      path: route.path,
      operationId: 'putProduct',
      pathParameters: z.strictObject({ sku: z.string() }),
      body: z.strictObject({ at: z.date() }),
      responses: { 200: { description: 'ok' } },
    };
    expect(() => buildOpenApiDocument({ routes: [route], functions: appWiring.functions, contracts: [contract], version: '1' })).toThrow(
      /PUT \/api\/v1\/products\/\{sku\} request body has no JSON Schema equivalent/,
    );
  });
});

describe('component schemas', () => {
  test('a schema read differently as input and as output gets an <Name>Input component, and so do schemas that contain it', () => {
    const page = z.strictObject({ size: z.number().int().default(20) }).meta({ id: 'TestPageSize' });
    const holder = z.strictObject({ page }).meta({ id: 'TestHolder' });
    const components = componentSchemas([
      { schema: holder, direction: 'output', fallbackName: 'A', usedBy: 'a' },
      { schema: holder, direction: 'input', fallbackName: 'B', usedBy: 'b' },
    ]);
    expect(Object.keys(components.schemas)).toEqual(['TestHolder', 'TestHolderInput', 'TestPageSize', 'TestPageSizeInput']);
    expect(components.schemas.TestPageSize).toMatchObject({ required: ['size'] });
    expect(components.schemas.TestPageSizeInput).not.toHaveProperty('required');
    expect(components.schemas.TestHolderInput).toMatchObject({ properties: { page: { $ref: '#/components/schemas/TestPageSizeInput' } } });
    expect(components.refOf(holder, 'input')).toBe('#/components/schemas/TestHolderInput');
  });

  test('a schema the same both ways is one component', () => {
    const money = z.strictObject({ amount: z.number().int() }).meta({ id: 'TestMoney' });
    const components = componentSchemas([
      { schema: money, direction: 'output', fallbackName: 'A', usedBy: 'a' },
      { schema: money, direction: 'input', fallbackName: 'B', usedBy: 'b' },
    ]);
    expect(Object.keys(components.schemas)).toEqual(['TestMoney']);
  });

  test('two different schemas with one name are refused', () => {
    const first = z.strictObject({ a: z.string() }).meta({ id: 'TestTwin' });
    const second = z.strictObject({ b: z.string() }).meta({ id: 'TestTwin' });
    expect(() =>
      componentSchemas([
        { schema: first, direction: 'output', fallbackName: 'A', usedBy: 'a' },
        { schema: second, direction: 'output', fallbackName: 'B', usedBy: 'GET /x 200 response' },
      ]),
    ).toThrow('two different schemas are named "TestTwin" (the second is used by GET /x 200 response)');
  });
});
