import { callerOf } from '../../shared/http/caller';
import { conditionalRead, contentEntityTag } from '../../shared/http/conditional-requests';
import { parseParameter } from '../../shared/http/request-validation';
import { findAccessibleOrder } from '../application/order-access';
import { orderIdSchema } from '../domain/order-id';
import { ordersApiHandler } from '../http/orders-api-handler';

/**
 * GET /api/v1/orders/{id}: the owner's or any for an admin; someone else's is 404. The ETag is taken
 * from the order as answered, so it changes with anything the client can see (status, payment,
 * whichever writer changed it); If-None-Match with it is a 304.
 */
export const handler = ordersApiHandler(async (event) => {
  const caller = callerOf(event);
  const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
  const { order } = await findAccessibleOrder(caller, orderId);
  return conditionalRead(event, contentEntityTag(JSON.stringify(order)), order);
});
