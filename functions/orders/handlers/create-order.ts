import { correlationIdOf, jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { parseJsonBody, parseParameter } from '#shared/http/request-validation';
import { orderPlacementAdapters } from '../adapters/orders-adapters';
import { orderLocation } from '../http/order-location';
import type { OrdersPorts } from '../application/orders-ports';
import { placeOrderOnce } from '../application/place-order';
import { createOrderBodySchema, idempotencyKeySchema } from '../domain/create-order-request';
import { ordersApiHandler } from '../http/orders-api-handler';
import { headerValue } from '#shared/http/request-parts';

/**
 * createOrder: 201 with the pending order; the saga starts from the table's stream, so the answer
 * does not wait for it. Replays of the same Idempotency-Key and body answer the same order.
 */
export function createOrderHandler(ports: OrdersPorts) {
  const placeOrder = placeOrderOnce(ports);
  return ordersApiHandler(async (event, context) => {
    const caller = callerOf(event);
    const idempotencyKey = parseParameter(idempotencyKeySchema, 'Idempotency-Key', headerValue(event, 'idempotency-key'));
    const body = parseJsonBody(createOrderBodySchema, event.body, event.isBase64Encoded);
    const order = await placeOrder(
      { customerId: caller.customerId, idempotencyKey, body, correlationId: correlationIdOf(event), tokenContact: caller.contact },
      context,
    );
    return jsonResponse(201, order, { location: orderLocation(order.id) });
  });
}

export const handler = createOrderHandler(orderPlacementAdapters());
