import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import { inventoryApi } from '#inventory/api-contract';
import { appWiring } from '#lib/wiring';

const contextRoutes = appWiring.routes.filter((route) => appWiring.functions.find((fn) => fn.id === route.functionId)?.context === 'inventory');

describe('inventoryApi.contracts', () => {
  it('covers exactly the catalog routes and builds into an OpenAPI document', () => {
    const document = buildOpenApiDocument({ routes: contextRoutes, functions: appWiring.functions, contracts: inventoryApi.contracts, version: '0.0.0' });
    // Exactly these routes: the builder refuses a route without a contract or a contract without a route.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/products', '/api/v1/products/{sku}', '/api/v1/products/{sku}/stock-adjustments']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Product', 'ProductInput', 'ProductPage', 'StockAdjustment']));
    const list = document.paths['/api/v1/products']!.get!;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 20 }),
        }),
      ]),
    );
  });

  it('gives the gateway draft-4 models that refuse what the handlers refuse', () => {
    const adjust = gatewayRequestValidation(inventoryApi.contracts.find((c) => c.operationId === 'adjustStock')!);
    expect(adjust.bodyModel?.schema).toMatchObject({ additionalProperties: false, required: ['delta'] });
    expect(JSON.stringify(adjust.bodyModel?.schema)).toContain('"anyOf"');
    const put = gatewayRequestValidation(inventoryApi.contracts.find((c) => c.operationId === 'putProduct')!);
    expect(put.bodyModel?.schema).toMatchObject({ additionalProperties: false });
    // Optional at the gateway: a PUT without a precondition must reach the handler and be its 428.
    expect(put.requestParameters).toEqual({
      'method.request.path.sku': true,
      'method.request.header.If-Match': false,
      'method.request.header.If-None-Match': false,
    });
  });
});
