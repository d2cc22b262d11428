import { Validations } from 'aws-cdk-lib';
import { ResponseType } from 'aws-cdk-lib/aws-apigateway';
import { corsPreflight, CORS_ALLOW_CREDENTIALS_ENV, CORS_ALLOW_ORIGINS_ENV } from '#contracts/cors';
import { appWiring } from '#lib/wiring';
import { GATEWAY_RESPONSE_TYPES } from '#contracts/gateway-responses';
import { buildStack, testApp } from './support/test-stack';
import { apiMethods, resourcesOfType } from './support/template-queries';

/** The real wiring (its routes and functions), as bin/app.ts builds the dev stage. */
function quietApp() {
  const app = testApp();
  Validations.of(app).acknowledge({ id: 'Annotation::ordersaga:unknownThrottledRoute', reason: 'not what this file tests' });
  return app;
}
const { template, config } = buildStack('dev', { wiring: appWiring, app: quietApp() });

const gatewayResponses = () =>
  Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, response]) => [
      response.Properties.ResponseType as string,
      {
        status: response.Properties.StatusCode as string | undefined,
        body: JSON.parse(response.Properties.ResponseTemplates['application/json']) as Record<string, unknown>,
        headers: response.Properties.ResponseParameters as Record<string, string>,
      },
    ]),
  );

describe('gateway responses: each keeps its own status', () => {
  test('every response type API Gateway has is configured (a new one in aws-cdk-lib fails here until it is listed)', () => {
    const cdkTypes = Object.values(ResponseType)
      .filter((value): value is ResponseType => value instanceof ResponseType)
      .map((type) => type.responseType);
    expect(cdkTypes.length).toBeGreaterThan(15);
    expect([...GATEWAY_RESPONSE_TYPES].sort()).toEqual([...new Set(cdkTypes)].sort());
    expect(Object.keys(gatewayResponses()).sort()).toEqual([...GATEWAY_RESPONSE_TYPES].sort());
  });

  test('DEFAULT_4XX and DEFAULT_5XX pin no status, so no type that falls back to them is answered 400 or 500; their bodies name none', () => {
    const responses = gatewayResponses();
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(responses[type]!.status).toBeUndefined();
      expect(responses[type]!.body).not.toHaveProperty('status');
      expect(responses[type]!.headers['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
    }
  });

  test.each([
    ['UNSUPPORTED_MEDIA_TYPE', '415'],
    ['QUOTA_EXCEEDED', '429'],
    ['THROTTLED', '429'],
    ['EXPIRED_TOKEN', '403'],
    ['WAF_FILTERED', '403'],
    ['INVALID_API_KEY', '403'],
    ['RESOURCE_NOT_FOUND', '404'],
    ['REQUEST_TOO_LARGE', '413'],
    ['AUTHORIZER_CONFIGURATION_ERROR', '500'],
    ['INTEGRATION_TIMEOUT', '504'],
  ])('%s answers %s, and its body says so', (type, status) => {
    const response = gatewayResponses()[type]!;
    expect(response.status).toBe(status);
    expect(response.body.status).toBe(Number(status));
  });

  test("every other type's body states the status it is answered with", () => {
    for (const [type, response] of Object.entries(gatewayResponses())) {
      if (type.startsWith('DEFAULT_')) continue;
      expect({ type, status: String(response.body.status) }).toEqual({ type, status: response.status });
    }
  });

  test("a stage with one allowed origin names it on the gateway's answers too", () => {
    expect(config.api.corsAllowOrigins).toHaveLength(1);
    for (const response of Object.values(gatewayResponses())) {
      expect(response.headers['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(`'${config.api.corsAllowOrigins[0]}'`);
    }
  });
});

describe('the payment webhook', () => {
  test('has no body model at the gateway: its handler checks the signature before anything reads the body', () => {
    const webhook = apiMethods(template).find((m) => m.key === 'POST /api/v1/webhooks/payments')!.method.Properties;
    expect(webhook.RequestModels).toBeUndefined();
    expect(webhook.RequestParameters).toEqual({ 'method.request.header.Stripe-Signature': false });
    // The other routes with a body keep theirs.
    expect(apiMethods(template).find((m) => m.key === 'POST /api/v1/orders')!.method.Properties.RequestModels).toBeDefined();
  });
});

describe('CORS', () => {
  const functionsByEnv = () =>
    resourcesOfType(template, 'AWS::Lambda::Function').map(([id, fn]) => ({
      id,
      env: (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
    }));

  test("every function that answers a route is given the stage's allowed origins (it adds the CORS headers itself); the others are not", () => {
    const withCors = functionsByEnv().filter((fn) => fn.env[CORS_ALLOW_ORIGINS_ENV] !== undefined);
    const routeFunctionIds = new Set(appWiring.routes.map((route) => route.functionId));
    expect(withCors).toHaveLength(routeFunctionIds.size);
    for (const fn of withCors) {
      expect(fn.env[CORS_ALLOW_ORIGINS_ENV]).toBe(config.api.corsAllowOrigins.join(','));
      expect(fn.env[CORS_ALLOW_CREDENTIALS_ENV]).toBe(String(config.api.corsAllowCredentials));
    }
  });

  test('the preflight is the shared definition: methods, headers (If-Match included), max-age, credentials only when allowed', () => {
    const preflight = corsPreflight(
      { allowOrigins: config.api.corsAllowOrigins, allowCredentials: config.api.corsAllowCredentials },
      appWiring.routes.map((route) => route.method),
    );
    const options = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThan(appWiring.routes.length / 2);
    for (const [, method] of options) {
      const headers = method.Properties.Integration.IntegrationResponses[0].ResponseParameters as Record<string, string>;
      expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe(`'${preflight.allowMethods.join(',')}'`);
      expect(headers['method.response.header.Access-Control-Allow-Headers']).toBe(`'${preflight.allowHeaders.join(',')}'`);
      expect(headers['method.response.header.Access-Control-Max-Age']).toBe(`'${preflight.maxAgeSeconds}'`);
      expect(headers['method.response.header.Access-Control-Allow-Credentials']).toBe(preflight.allowCredentials ? "'true'" : undefined);
      expect(preflight.allowHeaders).toEqual(expect.arrayContaining(['If-Match', 'If-None-Match', 'Idempotency-Key']));
    }
  });
});
