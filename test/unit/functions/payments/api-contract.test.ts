import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import { paymentsApi } from '#payments/api-contract';
import { appWiring } from '#lib/wiring';

const contextRoutes = appWiring.routes.filter((route) => appWiring.functions.find((fn) => fn.id === route.functionId)?.context === 'payments');

describe('paymentsApi.contracts', () => {
  it('covers exactly the payments routes and builds into an OpenAPI document', () => {
    const document = buildOpenApiDocument({ routes: contextRoutes, functions: appWiring.functions, contracts: paymentsApi.contracts, version: '0.0.0' });
    // Exactly these routes: the builder refuses a route without a contract or a contract without a route.
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/payments/{id}', '/api/v1/payments/{id}/refund', '/api/v1/webhooks/payments']));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Payment', 'PaymentWebhookEvent']));
    const webhook = document.paths['/api/v1/webhooks/payments']!.post!;
    expect(webhook.security).toEqual([]);
    expect(Object.keys(webhook.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '503']));
    expect(webhook.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Stripe-Signature', in: 'header', required: false })]));
    const refund = document.paths['/api/v1/payments/{id}/refund']!.post!;
    expect(Object.keys(refund.responses)).toEqual(expect.arrayContaining(['202', '403', '404', '409', '503']));
  });

  it('lets a missing signature and any body through the gateway, so that the handler authenticates first and answers 401', () => {
    const webhook = gatewayRequestValidation(paymentsApi.contracts.find((c) => c.operationId === 'receivePaymentWebhook')!);
    expect(webhook.requestParameters).toEqual({ 'method.request.header.Stripe-Signature': false });
    expect(webhook.bodyModel).toBeUndefined();
  });

  it('still documents the event body', () => {
    const document = buildOpenApiDocument({ routes: contextRoutes, functions: appWiring.functions, contracts: paymentsApi.contracts, version: '0.0.0' });
    expect(document.paths['/api/v1/webhooks/payments']!.post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PaymentWebhookEvent' } } },
    });
  });
});
