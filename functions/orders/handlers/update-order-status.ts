import { jsonResponse } from '#shared/http/api-handler';
import { callerOf, requireAdmin } from '#shared/http/caller';
import { parseJsonBody, parseParameter } from '#shared/http/request-validation';
import { DynamoDbOrderRepository } from '../adapters/order-repository';
import { advanceOrderFulfilment } from '../application/change-order';
import type { OrdersPorts } from '../application/orders-ports';
import { orderIdSchema } from '../domain/order-id';
import { updateStatusBodySchema } from '../domain/update-status-request';
import { ordersApiHandler } from '../http/orders-api-handler';

/** updateOrderStatus (admin): confirmed → shipped, shipped → delivered; any other move 409. */
export function updateOrderStatusHandler({ orders }: Pick<OrdersPorts, 'orders'>) {
  return ordersApiHandler(async (event) => {
    const caller = callerOf(event);
    requireAdmin(caller);
    const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
    const { status } = parseJsonBody(updateStatusBodySchema, event.body, event.isBase64Encoded);
    return jsonResponse(200, await advanceOrderFulfilment(orders, caller, orderId, status));
  });
}

export const handler = updateOrderStatusHandler({ orders: DynamoDbOrderRepository.ofStage() });
