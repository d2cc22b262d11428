import Ajv from 'ajv';
import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import { ordersApi } from '#orders/api-contract';
import { orderBody } from './support/order-fixtures';
import { appWiring } from '#lib/wiring';

const ordersRoutes = appWiring.routes.filter((route) => appWiring.functions.find((fn) => fn.id === route.functionId)?.context === 'orders');
const contract = (operationId: string) => ordersApi.contracts.find((candidate) => candidate.operationId === operationId)!;

describe('ordersApi.contracts', () => {
  const document = buildOpenApiDocument({ routes: ordersRoutes, functions: appWiring.functions, contracts: ordersApi.contracts, version: '0.0.0' });

  it('covers exactly the orders routes and builds into an OpenAPI document', () => {
    // Exactly these routes: the builder refuses a route without a contract or a contract without a route.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/orders/{id}/cancel', '/api/v1/orders/{id}/status']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Order',
        'OrderList',
        'OrderLine',
        'OrderStatus',
        'ShippingAddress',
        'CreateOrderRequest',
        'UpdateOrderStatusRequest',
        'Problem',
      ]),
    );
  });

  it("documents every answer of every route with its schema; the gateway's (401, 403, 429, 5xx) come from the route's auth kind", () => {
    const statuses = Object.fromEntries(ordersApi.contracts.map((route) => [route.operationId, Object.keys(route.responses).map(Number).sort()]));
    expect(statuses).toMatchObject({
      createOrder: [201, 400, 409, 422],
      listOrders: [200, 400, 403],
      getOrder: [200, 304, 400, 404],
      cancelOrder: [202, 400, 404, 409],
      updateOrderStatus: [200, 400, 403, 404, 409],
    });
    for (const route of ordersApi.contracts)
      for (const [status, response] of Object.entries(route.responses)) if (status !== '304') expect(response.schema).toBeDefined();
    for (const path of Object.values(document.paths)) {
      for (const operation of Object.values(path))
        expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['401', '403', '429', '500', '502', '504']));
    }
    const create = document.paths['/api/v1/orders']!.post!;
    expect(create.responses['201']).toMatchObject({ headers: { Location: expect.anything() } });
    expect(create.responses['409']).toMatchObject({ headers: { 'Retry-After': expect.anything() } });
    expect(create.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]));
  });

  it('gives the gateway a draft-4 model that accepts a valid order and refuses unknown fields', () => {
    const validation = gatewayRequestValidation(contract('createOrder'));
    expect(validation.requestParameters).toEqual({ 'method.request.header.Idempotency-Key': true });
    const validate = new Ajv({ strict: false, allErrors: true }).compile({ ...validation.bodyModel!.schema, $schema: undefined });
    expect(validate(orderBody())).toBe(true);
    expect(validate({ ...orderBody(), coupon: 'x' })).toBe(false);
    expect(validate(orderBody({ items: [{ sku: 'SKU-1', quantity: 101 }] }))).toBe(false);
    expect(validate(orderBody({ shippingAddress: { name: 'A', line1: '1', city: 'B', postalCode: '1', country: 'XX' } }))).toBe(false);

    const status = gatewayRequestValidation(contract('updateOrderStatus'));
    expect(status.requestParameters).toEqual({ 'method.request.path.id': true });
    expect(status.bodyModel?.schema).toMatchObject({ additionalProperties: false, required: ['status'] });
  });

  it('documents the list query with its defaults, nothing required', () => {
    expect(gatewayRequestValidation(contract('listOrders')).requestParameters).toEqual({
      'method.request.querystring.status': false,
      'method.request.querystring.limit': false,
      'method.request.querystring.cursor': false,
      'method.request.querystring.customerId': false,
    });
    const list = document.paths['/api/v1/orders']!.get!;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'limit', schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 20 }) }),
      ]),
    );
  });
});
