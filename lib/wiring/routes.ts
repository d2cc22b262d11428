import type { AuthorizerSpec, RouteSpec } from './types';

export const API_BASE_PATH = '/api/v1';

export const authorizerSpec: AuthorizerSpec = {
  functionId: 'authorizer',
  identitySource: 'Authorization',
  resultTtlSeconds: 300,
};

const v1 = (path: string) => `${API_BASE_PATH}${path}`;

/** The route table: API Gateway resources and methods in the stack, the front door's router locally. */
export const routeTable: RouteSpec[] = [
  { method: 'GET', path: v1('/health'), functionId: 'health', auth: 'none', summary: 'Liveness probe' },
  { method: 'GET', path: v1('/openapi.json'), functionId: 'openApiDocument', auth: 'none', summary: 'This API as an OpenAPI 3.1 document' },

  { method: 'POST', path: v1('/orders'), functionId: 'createOrder', auth: 'user', summary: 'Place an order' },
  { method: 'GET', path: v1('/orders'), functionId: 'listOrders', auth: 'user', summary: 'List orders, newest first' },
  { method: 'GET', path: v1('/orders/{id}'), functionId: 'getOrder', auth: 'user', summary: 'Get an order' },
  { method: 'POST', path: v1('/orders/{id}/cancel'), functionId: 'cancelOrder', auth: 'user', summary: 'Cancel an order' },
  { method: 'PATCH', path: v1('/orders/{id}/status'), functionId: 'updateOrderStatus', auth: 'admin', summary: 'Mark an order shipped or delivered' },

  { method: 'GET', path: v1('/products'), functionId: 'listProducts', auth: 'user', summary: 'List the catalog' },
  { method: 'GET', path: v1('/products/{sku}'), functionId: 'getProduct', auth: 'user', summary: 'Get a product' },
  { method: 'PUT', path: v1('/products/{sku}'), functionId: 'putProduct', auth: 'admin', summary: 'Create or replace a product' },
  { method: 'POST', path: v1('/products/{sku}/stock-adjustments'), functionId: 'adjustStock', auth: 'admin', summary: 'Adjust stock by a delta' },

  { method: 'GET', path: v1('/payments/{id}'), functionId: 'getPayment', auth: 'user', summary: 'Get a payment' },
  { method: 'POST', path: v1('/payments/{id}/refund'), functionId: 'refundPayment', auth: 'admin', summary: 'Refund a captured payment in full' },
  { method: 'POST', path: v1('/webhooks/payments'), functionId: 'paymentWebhook', auth: 'none', summary: 'Payment provider callbacks (HMAC-signed)' },
];
