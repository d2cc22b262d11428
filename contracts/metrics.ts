/**
 * Custom metrics that alarms watch, named once for the functions that emit them and the stack that
 * alarms on them. Every function publishes EMF into METRICS_NAMESPACE (function-environment.ts).
 */
export const METRICS_NAMESPACE = 'ordersaga';

/** The payment provider's circuit breaker: published with a fixed `service` dimension, whoever trips it. */
export const paymentCircuitMetrics = {
  service: 'payment-circuit',
  /** Count: the circuit went to open (failure threshold reached, or a half-open probe failed). */
  opened: 'PaymentCircuitOpened',
  /** Count: a call failed fast because the circuit was open. */
  fastFailed: 'PaymentCircuitFastFailed',
} as const;

/** The stranded-order reconciler's repair of failed sagas: a fixed `service` dimension, alarmed on. */
export const sagaRepairMetrics = {
  service: 'saga-repair',
  /** Count, every run: orders whose failed saga was redriven as often as allowed and still is not done. */
  givenUp: 'FailedSagasGivenUp',
} as const;

/** The saga's settlement sweeper: a fixed `service` dimension, alarmed on. */
export const settlementSweepMetrics = {
  service: 'saga-settlement',
  /** Count, every run: cancelled orders whose payment or stock the sweeper tried and failed to settle. */
  unsettled: 'CancelledOrdersUnsettled',
} as const;
