import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { appWiring } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { contractsForRoutes } from './support/route-contracts';
import { buildStack } from './support/test-stack';
import { apiMethods, resourcesOfType } from './support/template-queries';

const { template } = buildStack('dev');
const models = Object.fromEntries(resourcesOfType(template, 'AWS::ApiGateway::Model').map(([id, model]) => [id, model.Properties]));
const method = (key: string) => apiMethods(template).find((m) => m.key === key)!.method.Properties;
const modelOf = (key: string) => models[(method(key).RequestModels['application/json'] as { Ref: string }).Ref]!;

/** Keywords of JSON Schema drafts after 4, which API Gateway would reject or, worse, ignore. */
const LATER_DRAFT_KEYWORDS =
  /"(\$ref|\$defs|const|propertyNames|prefixItems|contains|if|then|else|examples|unevaluatedProperties|dependentRequired)":|"exclusive(Minimum|Maximum)":\s*-?\d/;

describe('request validation at the gateway, from the route contracts', () => {
  test('every route with a body has a draft-4 model, named after its operation, unless its handler authenticates the body first; the others have none', () => {
    for (const contract of contractsForRoutes(fixtureWiring.routes)) {
      const props = method(`${contract.method} ${contract.path}`);
      if (!contract.body || contract.gatewayBodyModel === false) {
        expect(props.RequestModels).toBeUndefined();
        continue;
      }
      const model = modelOf(`${contract.method} ${contract.path}`);
      expect(model).toMatchObject({ ContentType: 'application/json', Name: gatewayRequestValidation(contract).bodyModel!.name });
      expect(model.Schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(JSON.stringify(model.Schema)).not.toMatch(LATER_DRAFT_KEYWORDS);
    }
  });

  test("the create-order model is the handler's schema: unknown fields rejected, 1 to 50 items, quantity 1 to 100", () => {
    const schema = modelOf('POST /api/v1/orders').Schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['items', 'shippingAddress', 'payment'],
      properties: {
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: { additionalProperties: false, properties: { quantity: { type: 'integer', minimum: 1, maximum: 100 } } },
        },
        shippingAddress: { type: 'object', additionalProperties: false, properties: { country: { pattern: '^[A-Z]{2}$' } } },
        payment: { properties: { method: { enum: ['card'] } } },
      },
    });
  });

  test('required headers and path parameters are required method request parameters', () => {
    expect(method('POST /api/v1/orders').RequestParameters).toEqual({ 'method.request.header.Idempotency-Key': true });
    expect(method('GET /api/v1/orders/{id}').RequestParameters).toEqual({ 'method.request.path.id': true });
    expect(method('POST /api/v1/webhooks/payments').RequestParameters).toEqual({ 'method.request.header.Stripe-Signature': false });
    expect(method('GET /api/v1/health').RequestParameters).toBeUndefined();
  });

  test('the real wiring: each method validates exactly what its published contract declares', () => {
    const real = buildStack('dev', { wiring: appWiring });
    const realModels = Object.fromEntries(resourcesOfType(real.template, 'AWS::ApiGateway::Model').map(([id, model]) => [id, model.Properties]));
    for (const contract of appWiring.contracts) {
      const expected = gatewayRequestValidation(contract);
      const props = apiMethods(real.template).find((m) => m.key === `${contract.method} ${contract.path}`)!.method.Properties;
      const modelRef = props.RequestModels?.['application/json'] as { Ref: string } | undefined;
      expect({ route: contract.operationId, model: modelRef && realModels[modelRef.Ref]!.Schema, parameters: props.RequestParameters }).toEqual({
        route: contract.operationId,
        model: expected.bodyModel?.schema,
        parameters: Object.keys(expected.requestParameters).length ? expected.requestParameters : undefined,
      });
    }
    expect(apiMethods(real.template).find((m) => m.key === 'POST /api/v1/orders')!.method.Properties.RequestParameters).toMatchObject({
      'method.request.header.Idempotency-Key': true,
    });
  });

  test('a route without a contract fails synth, naming it', () => {
    const contracts = contractsForRoutes(fixtureWiring.routes).filter((contract) => contract.path !== '/api/v1/orders/{id}');
    expect(() => buildStack('dev', { contracts })).toThrow('route GET /api/v1/orders/{id} has no contract');
  });
});
