import { readFileSync } from 'node:fs';
import { handler } from '#platform/handlers/open-api-document';
import { apiDocument } from '#platform/application/api-document';
import { OPENAPI_JSON_FILE, renderOpenApiJson } from '../../scripts/openapi-json';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

/**
 * The document function serves contracts/api/openapi.json, rendered from the route contracts at build
 * time. A contract changed without `npm run openapi:render` fails here.
 */
describe('the rendered OpenAPI document', () => {
  test('is the document the route contracts build (run `npm run openapi:render` after changing a route)', () => {
    expect(readFileSync(OPENAPI_JSON_FILE, 'utf8')).toBe(renderOpenApiJson());
  });

  test('is what GET /api/v1/openapi.json answers, byte for byte', async () => {
    const response = await handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json' }), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(JSON.stringify(apiDocument()));
  });
});
