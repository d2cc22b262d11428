import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import type { CreateOrderBody } from '../domain/create-order-request';
import type { Order } from '../domain/order';
import { newOrderId, newPaymentId } from '../domain/order-id';
import { placeOrder } from '../domain/order-placement';
import { priceOrder } from '../domain/pricing';
import { requestFingerprint } from '../domain/request-fingerprint';
import { IdempotencyKeyReusedError } from './application-errors';
import type { OrdersPorts } from './orders-ports';

export interface PlaceOrderRequest {
  customerId: string;
  idempotencyKey: string;
  body: CreateOrderBody;
  correlationId: string;
}

/** Idempotency-Key records are kept 24 h (docs/api.md, "Idempotency"). */
export const IDEMPOTENCY_EXPIRY_SECONDS = 24 * 60 * 60;

/**
 * Prices the order from the catalog and writes it with its payment and its placement request.
 * If the placement request already exists, the function died after a previous attempt wrote the
 * order but before Powertools recorded the result: answer with that order instead of a second one.
 */
async function placeNewOrder({ orders, catalog }: Pick<OrdersPorts, 'orders' | 'catalog'>, request: PlaceOrderRequest): Promise<Order> {
  const fingerprint = requestFingerprint(request.body);
  const prices = await catalog.pricesOf(request.body.items.map((item) => item.sku));
  const priced = priceOrder(request.body.items, prices);
  const { order, payment } = placeOrder({
    orderId: newOrderId(),
    paymentId: newPaymentId(),
    customerId: request.customerId,
    request: request.body,
    priced,
    now: new Date(),
  });
  const outcome = await orders.place({
    order,
    payment,
    request: { customerId: request.customerId, idempotencyKey: request.idempotencyKey, fingerprint },
    correlationId: request.correlationId,
  });
  if (outcome.kind === 'created') return order;
  if (outcome.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  const existing = await orders.find(outcome.orderId);
  if (!existing) throw new Error(`the order of a recorded placement request is missing (${outcome.orderId})`);
  return existing.order;
}

/**
 * Places an order at most once per customer and Idempotency-Key. The key is the customer and their
 * Idempotency-Key (so two customers' keys never meet); the body is the payload validated against
 * the stored record (another body → IdempotencyValidationError → 422). Errors are not recorded: a
 * 4xx can be corrected and resent with the same key. The Lambda context bounds the in-progress lock:
 * if an invocation dies, a retry may proceed once its time is up.
 */
export function placeOrderOnce(ports: OrdersPorts): (request: PlaceOrderRequest, context: Context) => Promise<Order> {
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: '[customerId, idempotencyKey]',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  // Made on the first placement: the store is only needed (and its table only named) then.
  let placeNewOrderOnce: ((request: PlaceOrderRequest) => Promise<Order>) | undefined;
  return (request, context) => {
    placeNewOrderOnce ??= makeIdempotent((placement: PlaceOrderRequest) => placeNewOrder(ports, placement), {
      persistenceStore: ports.idempotencyStore,
      config: idempotencyConfig,
      // A fixed prefix instead of AWS_LAMBDA_FUNCTION_NAME: keys survive a function's replacement
      // (a new physical name) and never collide with another function's in the shared table.
      keyPrefix: 'orders.createOrder',
    });
    idempotencyConfig.registerLambdaContext(context);
    return placeNewOrderOnce(request);
  };
}
