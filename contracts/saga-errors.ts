/**
 * The error names the state machines' Retry and Catch match (statemachines/*.asl.json, docs/saga.md):
 * a Lambda error's type is the thrown error's `name`, so these names are the contract between the
 * saga's functions and its ASL, and renaming one is a breaking change of both.
 */
export const SAGA_ERROR = {
  /** Business: a product of the order has too little stock. */
  outOfStock: 'OutOfStock',
  /** Business: the order was cancelled while the saga ran. */
  orderCancelled: 'OrderCancelled',
  /** Control flow: the provider completes the authorization later (webhook). */
  paymentPending: 'PaymentPending',
  /** Business: the provider declined the payment. */
  paymentDeclined: 'PaymentDeclined',
  /** Transient: the provider did not answer (timeout, outage, open circuit). */
  paymentProviderUnavailable: 'PaymentProviderUnavailable',
  /** The provider refused the request itself (bad key, bad request, a payment in the wrong state). */
  paymentProviderRejected: 'PaymentProviderRejected',
  /** Transient: DynamoDB throttled the step or a transaction collided with another. */
  storeBusy: 'StoreBusy',
  /** A cancelled order's stock cannot be given back yet. */
  stockReleaseBlocked: 'StockReleaseBlocked',
  /** A cancelled order's payment and the provider's record contradict each other. */
  paymentSettlementInconsistent: 'PaymentSettlementInconsistent',
  /** A state the saga can never legitimately meet: neither retried nor caught. */
  sagaInvariantViolated: 'SagaInvariantViolated',
} as const;
