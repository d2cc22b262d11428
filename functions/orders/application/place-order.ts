import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { catalogReader } from '../adapters/catalog-reader';
import { orderIdempotencyStore } from '../adapters/order-idempotency-store';
import { orderRepository } from '../adapters/order-repository';
import type { CreateOrderBody } from '../domain/create-order-request';
import type { Order } from '../domain/order';
import { newOrderId, newPaymentId } from '../domain/order-id';
import { placeOrder } from '../domain/order-placement';
import { priceOrder } from '../domain/pricing';
import { requestFingerprint } from '../domain/request-fingerprint';
import { IdempotencyKeyReusedError } from './application-errors';

export interface PlaceOrderRequest {
  customerId: string;
  idempotencyKey: string;
  body: CreateOrderBody;
  correlationId: string;
}

/** Idempotency-Key records are kept 24 h (SPEC §2). */
export const IDEMPOTENCY_EXPIRY_SECONDS = 24 * 60 * 60;

/**
 * Prices the order from the catalog and writes it with its payment and its placement request.
 * If the placement request already exists, the function died after a previous attempt wrote the
 * order but before Powertools recorded the result: answer with that order instead of a second one.
 */
async function placeNewOrder(request: PlaceOrderRequest): Promise<Order> {
  const fingerprint = requestFingerprint(request.body);
  const catalog = await catalogReader.pricesOf(request.body.items.map((item) => item.sku));
  const priced = priceOrder(request.body.items, catalog);
  const { order, payment } = placeOrder({
    orderId: newOrderId(),
    paymentId: newPaymentId(),
    customerId: request.customerId,
    request: request.body,
    priced,
    now: new Date(),
  });
  const outcome = await orderRepository.place({
    order,
    payment,
    request: { customerId: request.customerId, idempotencyKey: request.idempotencyKey, fingerprint },
    correlationId: request.correlationId,
  });
  if (outcome.kind === 'created') return order;
  if (outcome.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  const existing = await orderRepository.find(outcome.orderId);
  if (!existing) throw new Error(`the order of a recorded placement request is missing (${outcome.orderId})`);
  return existing.order;
}

/**
 * The key is the customer and their Idempotency-Key (so two customers' keys never meet); the body is
 * the payload validated against the stored record (another body → IdempotencyValidationError → 422).
 * Errors are not recorded: a 4xx can be corrected and resent with the same key.
 */
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: '[customerId, idempotencyKey]',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS,
  throwOnNoIdempotencyKey: true,
});

const placeNewOrderOnce = makeIdempotent(placeNewOrder, {
  persistenceStore: orderIdempotencyStore,
  config: idempotencyConfig,
  // A fixed prefix instead of AWS_LAMBDA_FUNCTION_NAME: keys survive a function's replacement
  // (a new physical name) and never collide with another function's in the shared table.
  keyPrefix: 'orders.createOrder',
});

/**
 * Places an order at most once per customer and Idempotency-Key. The Lambda context bounds the
 * in-progress lock: if this invocation dies, a retry may proceed once its time is up.
 */
export function placeOrderOnce(request: PlaceOrderRequest, context: Context): Promise<Order> {
  idempotencyConfig.registerLambdaContext(context);
  return placeNewOrderOnce(request);
}
