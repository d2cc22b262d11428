import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ServiceFunction } from '#lib/constructs';
import { gatewayProblems } from '#contracts/gateway-responses';
import { appWiring, type AppWiring } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { loadStageConfig } from '#lib/config';
import { buildStack, createStack, testApp } from './support/test-stack';
import { apiMethods, logicalIdOf, resourcesOfType } from './support/template-queries';

const fixture = buildStack('dev');
const real = buildStack('dev', { wiring: appWiring, app: quietApp() });

/** The real wiring may not have every throttled route yet; that warning is tested on the fixture instead. */
function quietApp() {
  const app = testApp();
  Validations.of(app).acknowledge({ id: 'Annotation::ordersaga:unknownThrottledRoute', reason: 'asserted on the fixture wiring below' });
  return app;
}
const routeKeys = (wiring: AppWiring) => wiring.routes.map((route) => `${route.method} ${route.path}`).sort();
const functionLogicalId = (id: string) =>
  logicalIdOf(fixture.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === id)!.function);

describe('REST API', () => {
  test.each([
    ['the fixture wiring', fixture, fixtureWiring],
    ['the real wiring', real, appWiring],
  ])('methods match the route table of %s one to one', (_name, built, wiring) => {
    expect(
      apiMethods(built.template)
        .map((m) => m.key)
        .sort(),
    ).toEqual(routeKeys(wiring));
  });

  test('each route is a Lambda proxy integration of its function', () => {
    for (const route of fixtureWiring.routes) {
      const { method } = apiMethods(fixture.template).find((m) => m.key === `${route.method} ${route.path}`)!;
      expect(method.Properties.Integration).toMatchObject({
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: { 'Fn::Join': ['', expect.arrayContaining([{ 'Fn::GetAtt': [functionLogicalId(route.functionId), 'Arn'] }])] },
      });
    }
  });

  test('the REQUEST authorizer reads the Authorization header and caches for the wiring TTL', () => {
    const authorizers = resourcesOfType(fixture.template, 'AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0][1].Properties).toMatchObject({
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: fixtureWiring.authorizer.resultTtlSeconds,
      AuthorizerUri: { 'Fn::Join': ['', expect.arrayContaining([{ 'Fn::GetAtt': [functionLogicalId('authorizer'), 'Arn'] }])] },
    });
  });

  test.each([
    ['the fixture wiring', fixture, fixtureWiring],
    ['the real wiring', real, appWiring],
  ])('every route whose auth is not none has the authorizer, and only those (%s)', (_name, built, wiring) => {
    const [[authorizerId]] = resourcesOfType(built.template, 'AWS::ApiGateway::Authorizer');
    for (const route of wiring.routes) {
      const { method } = apiMethods(built.template).find((m) => m.key === `${route.method} ${route.path}`)!;
      if (route.auth === 'none') {
        expect(method.Properties.AuthorizationType).toBe('NONE');
        expect(method.Properties.AuthorizerId).toBeUndefined();
      } else {
        expect(method.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      }
    }
    expect(apiMethods(built.template).find((m) => m.key === 'GET /api/v1/health')?.method.Properties.AuthorizationType).toBe('NONE');
  });

  test('every method validates requests at the gateway', () => {
    const [[validatorId, validator]] = resourcesOfType(fixture.template, 'AWS::ApiGateway::RequestValidator');
    expect(validator.Properties).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
    for (const { method } of apiMethods(fixture.template)) expect(method.Properties.RequestValidatorId).toEqual({ Ref: validatorId });
  });

  test('gateway errors are problem+json with a status that matches the body', () => {
    const responses = resourcesOfType(fixture.template, 'AWS::ApiGateway::GatewayResponse');
    const types = responses.map(([, r]) => r.Properties.ResponseType).sort();
    expect(types).toEqual(
      expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'UNAUTHORIZED', 'ACCESS_DENIED', 'THROTTLED', 'BAD_REQUEST_BODY', 'REQUEST_TOO_LARGE']),
    );
    expect(types).toEqual(gatewayProblems.map((p) => p.type).sort());
    for (const [, response] of responses) {
      const props = response.Properties;
      expect(props.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      const body = JSON.parse(props.ResponseTemplates['application/json']);
      // A fallback (DEFAULT_4XX/5XX) keeps the status of the type that fell back to it, and names none.
      expect(Object.keys(body)).toEqual(
        props.StatusCode === undefined ? ['type', 'title', 'detail', 'instance'] : ['type', 'title', 'status', 'detail', 'instance'],
      );
      if (props.StatusCode !== undefined) expect(String(body.status)).toBe(props.StatusCode);
      expect(body.type).toMatch(/^urn:ordersaga:problem:/);
      expect(body.instance).toBe('$context.path');
    }
  });

  test('429 tells the client when to retry, and 401 which scheme to use', () => {
    fixture.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'1'" }),
    });
    fixture.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" }),
    });
  });

  test('stage and method throttling come from the stage configuration', () => {
    const { api } = fixture.config;
    const placeOrder = api.methodThrottles['POST /api/v1/orders'];
    fixture.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: api.throttle.rateLimit, ThrottlingBurstLimit: api.throttle.burstLimit }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1api~1v1~1orders',
          ThrottlingRateLimit: placeOrder.rateLimit,
          ThrottlingBurstLimit: placeOrder.burstLimit,
        }),
      ]),
    });
  });

  test('a throttle for a route the table does not have is a warning, not a silent no-op', () => {
    const config = loadStageConfig('dev');
    config.api.methodThrottles['DELETE /api/v1/orders/{id}'] = { rateLimit: 1, burstLimit: 1 };
    const { stack } = createStack('dev', { config });
    // Read from the construct's metadata: synthesizing would print the warning into the test output.
    const warnings = stack.node
      .findChild('Api')
      .node.metadata.filter((entry) => entry.type === 'aws:cdk:warning')
      .map((entry) => String(entry.data));
    expect(warnings).toEqual([expect.stringContaining('methodThrottles names "DELETE /api/v1/orders/{id}", which is not in the route table')]);
    Annotations.fromStack(fixture.stack).hasNoWarning('*', Match.stringLikeRegexp('methodThrottles'));
  });

  test('access logs are JSON without bodies, execution logs are errors only, tracing is on', () => {
    const [[, stage]] = resourcesOfType(fixture.template, 'AWS::ApiGateway::Stage');
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', responseLatency: '$context.responseLatency' });
    expect(JSON.stringify(format)).not.toMatch(/body|header\./i);
    expect(stage.Properties.TracingEnabled).toBe(true);
    expect(stage.Properties.MethodSettings[0]).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false });
  });

  test('CORS preflight answers the configured origins only', () => {
    const options = resourcesOfType(fixture.template, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThan(0);
    for (const [, method] of options) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
      const headers = method.Properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe(`'${fixture.config.api.corsAllowOrigins[0]}'`);
      expect(headers['method.response.header.Access-Control-Allow-Headers']).toContain('Idempotency-Key');
    }
  });
});
