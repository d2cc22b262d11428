import { jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { listOrdersFor } from '../application/list-orders';
import { listOrdersQuerySchema } from '../domain/list-orders-query';
import { ordersApiHandler } from '../http/orders-api-handler';
import { parseQuery } from '../http/request-parts';

/** GET /api/v1/orders: the caller's orders (an admin: any customer's, or all), newest first, paged. */
export const handler = ordersApiHandler(async (event) => {
  const caller = callerOf(event);
  const query = parseQuery(listOrdersQuerySchema, event);
  return jsonResponse(200, await listOrdersFor(caller, query));
});
