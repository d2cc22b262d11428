import { SAGA_ERROR } from '#contracts/saga-errors';

/**
 * The provider's kinds of failure, by stable error names: the saga's Retry and Catch match on them
 * (contracts/saga-errors.ts).
 */

/** A business answer (declined card, insufficient funds): not retried, it would answer the same. */
export class PaymentDeclined extends Error {
  override readonly name = SAGA_ERROR.paymentDeclined;
  constructor(
    /** The provider's reason, e.g. `card_declined`, `insufficient_funds`. */
    readonly reason: string,
    message = `The payment was declined (${reason}).`,
  ) {
    super(message);
  }
}

/** A transient failure (timeout, outage, open circuit): retried with backoff. */
export class PaymentProviderUnavailable extends Error {
  override readonly name = SAGA_ERROR.paymentProviderUnavailable;
  constructor(message = 'The payment provider is unavailable.') {
    super(message);
  }
}

/**
 * The provider refused the request for a reason other than the card (a bad key, a bad request, a
 * payment in a state that does not allow the operation). Retrying the same request answers the same,
 * unless what it depends on changes meanwhile (another caller moved the payment).
 */
export class PaymentProviderRejected extends Error {
  override readonly name = SAGA_ERROR.paymentProviderRejected;
  constructor(
    readonly status: number,
    /** The provider's error code, e.g. `parameter_missing`, `payment_intent_unexpected_state`. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}
