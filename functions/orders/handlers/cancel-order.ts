import { jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { parseParameter } from '../../shared/http/request-validation';
import { cancelOrderFor } from '../application/change-order';
import { orderIdSchema } from '../domain/order-id';
import { ordersApiHandler } from '../http/orders-api-handler';

/** POST /api/v1/orders/{id}/cancel: 202 while pending or confirmed, 409 after. */
export const handler = ordersApiHandler(async (event) => {
  const caller = callerOf(event);
  const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
  return jsonResponse(202, await cancelOrderFor(caller, orderId));
});
