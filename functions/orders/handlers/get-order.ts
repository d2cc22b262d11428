import { jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { parseParameter } from '../../shared/http/request-validation';
import { findAccessibleOrder } from '../application/order-access';
import { orderIdSchema } from '../domain/order-id';
import { ordersApiHandler } from '../http/orders-api-handler';

/** GET /api/v1/orders/{id}: the owner's or any for an admin; someone else's is 404. */
export const handler = ordersApiHandler(async (event) => {
  const caller = callerOf(event);
  const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
  const { order } = await findAccessibleOrder(caller, orderId);
  return jsonResponse(200, order);
});
