import type { PaymentStatus } from './payment';

/**
 * The payment lifecycle. A pending payment is authorized or declined by the provider, or voided when
 * the order is abandoned before authorization; an authorized one is captured or voided; only a
 * captured one is refunded. declined, voided and refunded are final.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['authorized', 'declined', 'voided'],
  authorized: ['captured', 'voided'],
  captured: ['refunded'],
  declined: [],
  voided: [],
  refunded: [],
};

export const canTransition = (from: PaymentStatus, to: PaymentStatus): boolean => PAYMENT_TRANSITIONS[from].includes(to);

/**
 * What moving a payment from `from` to `to` means: `apply` it; `already` there (a retried step or a
 * redelivered callback, which changes nothing twice); or `not-allowed`.
 */
export type TransitionOutcome = 'apply' | 'already' | 'not-allowed';

export function transitionOutcome(from: PaymentStatus, to: PaymentStatus): TransitionOutcome {
  if (from === to) return 'already';
  return canTransition(from, to) ? 'apply' : 'not-allowed';
}
