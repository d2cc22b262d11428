import { SAGA_ERROR } from '#contracts/saga-errors';
/**
 * The saga's own errors, named as the state machines' Retry and Catch match them
 * (contracts/saga-errors.ts). The payment errors (PaymentDeclined, PaymentProviderUnavailable) are
 * the payments context's and are re-exported here so a step imports every error from one place.
 */
export { PaymentDeclined, PaymentProviderRejected, PaymentProviderUnavailable } from '#payments/domain/payment-errors';

/** Business: a product of the order has too little stock. Not retried; compensated with `out_of_stock`. */
export class OutOfStock extends Error {
  override readonly name = SAGA_ERROR.outOfStock;
  constructor(readonly skus: string[]) {
    super(`Not enough stock for ${skus.join(', ')}.`);
  }
}

/** Business: the order was cancelled (customer or admin) while the saga ran; the cancel wins and the saga compensates. */
export class OrderCancelled extends Error {
  override readonly name = SAGA_ERROR.orderCancelled;
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was cancelled while its saga ran.`);
  }
}

/**
 * Control flow, not a failure: the provider will complete the authorization later (webhook). The
 * state machine catches it into the `.waitForTaskToken` state; a Catch costs no Choice state on the
 * happy path.
 */
export class PaymentPending extends Error {
  override readonly name = SAGA_ERROR.paymentPending;
  constructor(readonly paymentId: string) {
    super(`The authorization of payment ${paymentId} completes asynchronously.`);
  }
}

/**
 * A cancelled order's stock cannot be given back: a product's stock condition refuses the units
 * (after a large stock adjustment, or the product was removed). Retrying at once answers the same, so
 * it is not retried; the payment is settled regardless, and the order stays in the settlement
 * sweeper's queue (which tries again every run and alarms) until the product can take the units.
 */
export class StockReleaseBlocked extends Error {
  override readonly name = SAGA_ERROR.stockReleaseBlocked;
  constructor(
    readonly orderId: string,
    readonly skus: string[],
  ) {
    super(`The stock of order ${orderId} cannot be given back to ${skus.join(', ')}: the products refuse the units.`);
  }
}

/**
 * A cancelled order's payment and the provider's record of it contradict each other (ours captured,
 * the provider's cancelled; ours authorized, the provider has none). Not retried: a person must look.
 */
export class PaymentSettlementInconsistent extends Error {
  override readonly name = SAGA_ERROR.paymentSettlementInconsistent;
}

/** Transient: DynamoDB throttled the step or a transaction collided with another. Retried with backoff. */
export class StoreBusy extends Error {
  override readonly name = SAGA_ERROR.storeBusy;
  constructor(message: string) {
    super(message);
  }
}

/**
 * A state the saga can never legitimately meet (an order that does not exist, a confirmed order asked
 * to compensate). Neither retried nor caught: the execution fails and the failed-executions alarm fires.
 */
export class SagaInvariantViolated extends Error {
  override readonly name = SAGA_ERROR.sagaInvariantViolated;
}

/** Errors that are a business outcome or control flow: logged at info level, not as failures. */
export const EXPECTED_STEP_ERRORS: ReadonlySet<string> = new Set([
  SAGA_ERROR.outOfStock,
  SAGA_ERROR.orderCancelled,
  SAGA_ERROR.paymentPending,
  SAGA_ERROR.paymentDeclined,
]);
