import { handler as healthHandler } from '#platform/handlers/health';
import { handler as openApiHandler } from '#platform/handlers/open-api-document';
import {
  CORS_ALLOW_CREDENTIALS_ENV,
  CORS_ALLOW_ORIGINS_ENV,
  corsEnvironment,
  corsPolicyFromEnvironment,
  corsPreflight,
  corsResponseHeaders,
  gatewayResponseCorsHeaders,
  preflightResponseHeaders,
} from '#contracts/cors';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

const SHOP = 'https://shop.example.com';
const ADMIN = 'https://admin.example.com';

function withStagePolicy(origins: string, credentials = false) {
  beforeEach(() => {
    process.env[CORS_ALLOW_ORIGINS_ENV] = origins;
    process.env[CORS_ALLOW_CREDENTIALS_ENV] = String(credentials);
  });
  afterEach(() => {
    delete process.env[CORS_ALLOW_ORIGINS_ENV];
    delete process.env[CORS_ALLOW_CREDENTIALS_ENV];
  });
}

const health = (headers: Record<string, string> = {}) => healthHandler(apiGatewayEvent({ method: 'GET', path: '/api/v1/health', headers }), lambdaContext());

describe("the functions answer CORS themselves (API Gateway adds nothing to a proxy integration's answer)", () => {
  describe('a stage that allows two origins', () => {
    withStagePolicy(`${SHOP},${ADMIN}`);

    test('an allowed origin is echoed, with Vary: Origin and the headers a script may read', async () => {
      const response = await health({ Origin: ADMIN });
      expect(response.headers).toMatchObject({
        'Access-Control-Allow-Origin': ADMIN,
        Vary: 'Origin',
        'Access-Control-Expose-Headers': 'ETag, Location, Retry-After, X-Correlation-Id',
      });
      expect(response.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
    });

    test('another origin gets no Access-Control-Allow-Origin, but still Vary: Origin (a cache must not hand it the allowed answer)', async () => {
      const response = await health({ Origin: 'https://evil.example' });
      expect(response.headers).not.toHaveProperty('Access-Control-Allow-Origin');
      expect(response.headers).toMatchObject({ Vary: 'Origin' });
      expect((await health()).headers).not.toHaveProperty('Access-Control-Allow-Origin');
    });

    test('problems carry them too (a browser must be able to read a 400)', async () => {
      const response = await openApiHandler(
        apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json', headers: { Origin: SHOP, 'If-None-Match': 'not a tag' } }),
        lambdaContext(),
      );
      expect(response.statusCode).toBe(400);
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': SHOP, Vary: 'Origin', 'content-type': 'application/problem+json' });
    });
  });

  describe('a stage that allows credentials', () => {
    withStagePolicy(SHOP, true);

    test('says so to its allowed origin, never with *', async () => {
      expect((await health({ Origin: SHOP })).headers).toMatchObject({ 'Access-Control-Allow-Origin': SHOP, 'Access-Control-Allow-Credentials': 'true' });
      expect(() => corsResponseHeaders({ allowOrigins: ['*'], allowCredentials: true }, SHOP)).toThrow(/never combined with credentials/);
      expect(() => corsEnvironment({ allowOrigins: ['*'], allowCredentials: true })).toThrow(/never combined with credentials/);
    });
  });

  describe('a stage that allows every origin', () => {
    withStagePolicy('*');

    test('answers * to anyone, without Vary', async () => {
      const response = await health({ Origin: 'https://anyone.example' });
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
      expect(response.headers).not.toHaveProperty('Vary');
    });
  });

  test('a function given no policy adds no CORS header', async () => {
    expect(Object.keys((await health({ Origin: SHOP })).headers ?? {}).filter((name) => name.toLowerCase().startsWith('access-control'))).toEqual([]);
  });
});

describe('the CORS policy, defined once', () => {
  test('travels to the functions by environment and back', () => {
    const policy = { allowOrigins: [SHOP, ADMIN], allowCredentials: true };
    expect(corsPolicyFromEnvironment(corsEnvironment(policy))).toEqual(policy);
    expect(corsPolicyFromEnvironment({})).toEqual({ allowOrigins: [], allowCredentials: false });
  });

  test("the preflight answers what aws-cdk-lib's mock integration answers: first origin by default, another allowed one echoed", () => {
    const preflight = corsPreflight({ allowOrigins: [SHOP, ADMIN], allowCredentials: false }, ['GET', 'PUT', 'GET']);
    expect(preflight.allowMethods).toEqual(['GET', 'PUT', 'OPTIONS']);
    expect(preflightResponseHeaders(preflight, undefined)['Access-Control-Allow-Origin']).toBe(SHOP);
    expect(preflightResponseHeaders(preflight, ADMIN)).toEqual({
      'Access-Control-Allow-Headers': 'Authorization,Content-Type,Idempotency-Key,If-Match,If-None-Match,X-Correlation-Id',
      'Access-Control-Allow-Origin': ADMIN,
      Vary: 'Origin',
      'Access-Control-Allow-Methods': 'GET,PUT,OPTIONS',
      'Access-Control-Max-Age': '3600',
    });
  });

  test("the gateway's own answers name a single allowed origin, and none of several", () => {
    expect(gatewayResponseCorsHeaders({ allowOrigins: [SHOP], allowCredentials: false })).toMatchObject({ 'Access-Control-Allow-Origin': SHOP });
    expect(gatewayResponseCorsHeaders({ allowOrigins: [SHOP, ADMIN], allowCredentials: false })).toEqual({});
  });
});
