import { jsonResponse } from '../../shared/http/api-handler';
import { callerOf, requireAdmin } from '../../shared/http/caller';
import { parseJsonBody, parseParameter } from '../../shared/http/request-validation';
import { advanceOrderFulfilment } from '../application/change-order';
import { orderIdSchema } from '../domain/order-id';
import { updateStatusBodySchema } from '../domain/update-status-request';
import { ordersApiHandler } from '../http/orders-api-handler';

/** PATCH /api/v1/orders/{id}/status (admin): confirmed → shipped, shipped → delivered; any other move 409. */
export const handler = ordersApiHandler(async (event) => {
  const caller = callerOf(event);
  requireAdmin(caller);
  const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
  const { status } = parseJsonBody(updateStatusBodySchema, event.body, event.isBase64Encoded);
  return jsonResponse(200, await advanceOrderFulfilment(caller, orderId, status));
});
