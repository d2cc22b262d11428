import { SAGA_ERROR } from '#contracts/saga-errors';
import type { CancellationReason } from '#orders/domain/order-status';

/**
 * Why the saga cancels an order, from the error its Catch caught. A payment that never
 * completed within the async timeout (States.Timeout) is the provider not answering in time: the
 * same reason as an outage. OrderCancelled means the customer (or an admin) cancelled first.
 */
const REASON_BY_ERROR: Record<string, CancellationReason> = {
  [SAGA_ERROR.outOfStock]: 'out_of_stock',
  [SAGA_ERROR.paymentDeclined]: 'payment_declined',
  [SAGA_ERROR.paymentProviderUnavailable]: 'payment_unavailable',
  // The provider refused the request itself (bad key, bad request): not retried, and the order must not stay pending.
  [SAGA_ERROR.paymentProviderRejected]: 'payment_unavailable',
  'States.Timeout': 'payment_unavailable',
  'States.HeartbeatTimeout': 'payment_unavailable',
  [SAGA_ERROR.orderCancelled]: 'customer_cancelled',
};

/** The errors that lead to compensation: the Catch clauses of the state machines name exactly these. */
export const COMPENSATED_ERRORS = Object.keys(REASON_BY_ERROR);

export function cancellationReasonFor(error: string): CancellationReason | undefined {
  return Object.hasOwn(REASON_BY_ERROR, error) ? REASON_BY_ERROR[error] : undefined;
}
