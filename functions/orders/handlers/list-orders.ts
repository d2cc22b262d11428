import { jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { DynamoDbOrderRepository } from '../adapters/order-repository';
import { listOrdersFor } from '../application/list-orders';
import type { OrdersPorts } from '../application/orders-ports';
import { listOrdersQuerySchema } from '../domain/list-orders-query';
import { ordersApiHandler } from '../http/orders-api-handler';
import { parseQuery } from '#shared/http/request-parts';

/** listOrders: the caller's orders (an admin: any customer's, or all), newest first, paged. */
export function listOrdersHandler({ orders }: Pick<OrdersPorts, 'orders'>) {
  return ordersApiHandler(async (event) => {
    const caller = callerOf(event);
    const query = parseQuery(listOrdersQuerySchema, event);
    return jsonResponse(200, await listOrdersFor(orders, caller, query));
  });
}

export const handler = listOrdersHandler({ orders: DynamoDbOrderRepository.ofStage() });
