import { domainEventFunctions } from './event-rules';
import { sagaFunctions } from './saga';
import type { FunctionSpec } from './types';

const api = (id: string, context: FunctionSpec['context'], description: string, entry: string, access: FunctionSpec['access']): FunctionSpec => ({
  id,
  context,
  description,
  entry,
  handler: 'handler',
  memorySize: 512,
  timeoutSeconds: 6,
  access,
});

/**
 * Every Lambda function of the app. The stack creates one NodejsFunction per entry; the local runtime
 * loads the same entry file in its own worker.
 */
export const functionCatalogue: FunctionSpec[] = [
  { ...api('health', 'platform', 'Liveness probe: GET /api/v1/health', 'functions/platform/handlers/health.ts', {}), memorySize: 256, timeoutSeconds: 3 },
  api('openApiDocument', 'platform', 'GET /api/v1/openapi.json', 'functions/platform/handlers/openapi-document.ts', {}),
  { ...api('authorizer', 'identity', 'REQUEST authorizer: verifies the bearer JWT against the stage issuer', 'functions/identity/handlers/authorizer.ts', { verifiesTokens: true }), timeoutSeconds: 5 },

  api('createOrder', 'orders', 'POST /api/v1/orders', 'functions/orders/handlers/create-order.ts', { table: 'readWrite' }),
  api('getOrder', 'orders', 'GET /api/v1/orders/{id}', 'functions/orders/handlers/get-order.ts', { table: 'read' }),
  api('listOrders', 'orders', 'GET /api/v1/orders', 'functions/orders/handlers/list-orders.ts', { table: 'read', signsCursors: true }),
  api('cancelOrder', 'orders', 'POST /api/v1/orders/{id}/cancel', 'functions/orders/handlers/cancel-order.ts', { table: 'readWrite' }),
  api('updateOrderStatus', 'orders', 'PATCH /api/v1/orders/{id}/status (admin)', 'functions/orders/handlers/update-order-status.ts', { table: 'readWrite' }),

  api('listProducts', 'inventory', 'GET /api/v1/products', 'functions/inventory/handlers/list-products.ts', { table: 'read', signsCursors: true }),
  api('getProduct', 'inventory', 'GET /api/v1/products/{sku}', 'functions/inventory/handlers/get-product.ts', { table: 'read' }),
  api('putProduct', 'inventory', 'PUT /api/v1/products/{sku} (admin): create or replace a catalog product', 'functions/inventory/handlers/put-product.ts', { table: 'readWrite' }),
  api('adjustStock', 'inventory', 'POST /api/v1/products/{sku}/stock-adjustments (admin)', 'functions/inventory/handlers/adjust-stock.ts', { table: 'readWrite' }),

  api('getPayment', 'payments', 'GET /api/v1/payments/{id}', 'functions/payments/handlers/get-payment.ts', { table: 'read' }),
  api('refundPayment', 'payments', 'POST /api/v1/payments/{id}/refund (admin)', 'functions/payments/handlers/refund-payment.ts', { table: 'readWrite' }),
  api('paymentWebhook', 'payments', 'POST /api/v1/webhooks/payments: the payment provider\'s signed callbacks', 'functions/payments/handlers/payment-webhook.ts', {
    table: 'readWrite',
    verifiesWebhooks: true,
    // Resumes a saga waiting for an async authorization (SendTaskSuccess/Failure).
    stateMachines: ['orderSaga'],
  }),

  ...sagaFunctions,
  ...domainEventFunctions,
];
