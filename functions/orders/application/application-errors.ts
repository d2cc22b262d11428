/**
 * Outcomes of the orders use cases that are not business-rule violations of one order;
 * functions/orders/http/order-problems.ts maps them to HTTP.
 */

/** No such order, or not one the caller may see: the two are indistinguishable on purpose. */
export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`No order ${orderId}.`);
    this.name = 'OrderNotFoundError';
  }
}

/** The customer reused an Idempotency-Key with a different body. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The first request with this Idempotency-Key is still placing its order: the caller retries shortly and gets its result. */
export class PlacementInProgressError extends Error {
  constructor() {
    super('A request with this Idempotency-Key is still being processed. Retry after the time in Retry-After to get its result.');
    this.name = 'PlacementInProgressError';
  }
}

/** A customer (not an admin) asked for another customer's orders. */
export class ForeignOrdersListingError extends Error {
  constructor() {
    super("Only admins may list another customer's orders.");
    this.name = 'ForeignOrdersListingError';
  }
}

/** The order kept changing under us through every attempt: the caller may retry. */
export class ConcurrentOrderChangeError extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} is being changed concurrently; retry.`);
    this.name = 'ConcurrentOrderChangeError';
  }
}
