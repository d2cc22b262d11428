import type { PaymentStatus } from './payment';

/** What a full-refund request does to a payment in a status. */
export type RefundDecision = 'refund' | 'already-refunded' | 'nothing-to-refund';

export function refundDecision(status: PaymentStatus): RefundDecision {
  if (status === 'captured') return 'refund';
  if (status === 'refunded') return 'already-refunded';
  return 'nothing-to-refund';
}

/**
 * The provider idempotency key of a payment's full refund. One per payment (there is only one full
 * refund), so a request retried after a crash between the provider's answer and our write cannot
 * refund twice: the provider answers the retry from its record of the first.
 */
export const refundIdempotencyKey = (paymentId: string): string => `refund-${paymentId}`;

/**
 * How long a refund request holds its claim on a payment before another request may take over:
 * well over a function's timeout, so a live claim is never taken, and a crashed one frees up soon.
 */
export const REFUND_CLAIM_LEASE_MS = 30_000;
