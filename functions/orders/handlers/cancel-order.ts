import { jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { parseParameter } from '#shared/http/request-validation';
import { DynamoDbOrderRepository } from '../adapters/order-repository';
import { cancelOrderFor } from '../application/change-order';
import type { OrdersPorts } from '../application/orders-ports';
import { orderIdSchema } from '../domain/order-id';
import { ordersApiHandler } from '../http/orders-api-handler';

/** cancelOrder: 202 while pending or confirmed, 409 after. */
export function cancelOrderHandler({ orders }: Pick<OrdersPorts, 'orders'>) {
  return ordersApiHandler(async (event) => {
    const caller = callerOf(event);
    const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
    return jsonResponse(202, await cancelOrderFor(orders, caller, orderId));
  });
}

export const handler = cancelOrderHandler({ orders: DynamoDbOrderRepository.ofStage() });
