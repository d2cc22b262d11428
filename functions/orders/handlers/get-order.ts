import { callerOf } from '#shared/http/caller';
import { conditionalRead, contentEntityTag } from '#shared/http/conditional-requests';
import { parseParameter } from '#shared/http/request-validation';
import { DynamoDbOrderRepository } from '../adapters/order-repository';
import { findAccessibleOrder } from '../application/order-access';
import type { OrdersPorts } from '../application/orders-ports';
import { orderIdSchema } from '../domain/order-id';
import { ordersApiHandler } from '../http/orders-api-handler';

/**
 * getOrder: the owner's or any for an admin; someone else's is 404. The ETag is taken from the order
 * as answered, so it changes with anything the client can see (status, payment, whichever writer
 * changed it); If-None-Match with it is a 304.
 */
export function getOrderHandler({ orders }: Pick<OrdersPorts, 'orders'>) {
  return ordersApiHandler(async (event) => {
    const caller = callerOf(event);
    const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
    const { order } = await findAccessibleOrder(orders, caller, orderId);
    return conditionalRead(event, contentEntityTag(JSON.stringify(order)), order);
  });
}

export const handler = getOrderHandler({ orders: DynamoDbOrderRepository.ofStage() });
