import type { Context } from 'aws-lambda';
import type { CreateOrderBody } from '../domain/create-order-request';
import type { Order } from '../domain/order';
import { newOrderId, newPaymentId } from '../domain/order-id';
import { placeOrder } from '../domain/order-placement';
import { priceOrder } from '../domain/pricing';
import { requestFingerprint } from '../domain/request-fingerprint';
import { IdempotencyKeyReusedError, PlacementInProgressError } from './application-errors';
import type { OrdersPorts } from './orders-ports';

export interface PlaceOrderRequest {
  customerId: string;
  idempotencyKey: string;
  body: CreateOrderBody;
  correlationId: string;
  /** The caller's token's contact claims (the order's contact unless the body names one). */
  tokenContact: { email?: string; phone?: string };
}

/**
 * Places an order at most once per customer and Idempotency-Key (two customers' keys never meet). The
 * placement request the repository writes first is the key's one record (docs/data-model.md,
 * "Idempotency of POST /orders"): the same key and body answer the key's order, as it now stands; the
 * same key with another body is refused (422); a request that arrives while the first with its key is
 * still writing is told to retry (409 with Retry-After). The placement's lock lasts as long as the
 * invocation may run (the Lambda context's remaining time): if an invocation dies half-way, a retry
 * takes the key over once its time is up. A failed placement frees the key, so that a corrected
 * request can use it.
 */
export function placeOrderOnce({
  orders,
  catalog,
}: OrdersPorts): (request: PlaceOrderRequest, context: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<Order> {
  return async (request, context) => {
    const fingerprint = requestFingerprint(request.body);
    const prices = await catalog.pricesOf(request.body.items.map((item) => item.sku));
    const priced = priceOrder(request.body.items, prices);
    const now = new Date();
    const { order, payment } = placeOrder({
      orderId: newOrderId(),
      paymentId: newPaymentId(),
      customerId: request.customerId,
      request: request.body,
      priced,
      tokenContact: request.tokenContact,
      now,
    });
    const outcome = await orders.place({
      order,
      payment,
      request: {
        customerId: request.customerId,
        idempotencyKey: request.idempotencyKey,
        fingerprint,
        inProgressUntil: now.getTime() + context.getRemainingTimeInMillis(),
      },
      correlationId: request.correlationId,
    });
    if (outcome.kind === 'created') return order;
    if (outcome.kind === 'in-progress') throw new PlacementInProgressError();
    if (outcome.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    const existing = await orders.find(outcome.orderId);
    if (!existing) throw new PlacementInProgressError();
    return existing.order;
  };
}
