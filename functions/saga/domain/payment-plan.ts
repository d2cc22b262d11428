import type { PaymentStatus } from '#payments/domain/payment';
import type { ProviderOperation, ProviderPaymentStatus } from '#payments/domain/payment-provider';
import { refundIdempotencyKey } from '#payments/domain/refund-policy';

/**
 * What the saga does with a payment. The forward step decides from the payment item alone, so that a
 * retried or duplicated step (which reads the item again) picks up exactly where the last attempt
 * left off; the compensation also asks the provider, since an answer the saga never got (a lost
 * capture, say) may have moved money all the same.
 */

/** The payment as the saga reads it: the payment record plus the saga's bookkeeping attributes. */
export interface SagaPayment {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  token: string;
  /** The provider's id of the payment, stored when the provider created it and before any authorization. */
  providerPaymentId?: string;
  /** Set when the provider answered `pending`: it completes the authorization through the webhook. */
  awaitingProviderSince?: string;
  /** The task token of the saga waiting for that webhook. */
  sagaTaskToken?: string;
  declineReason?: string;
}

/** The provider idempotency key of one effect on a payment. Refunds share the admin route's key, so the two can never refund twice. */
export function providerIdempotencyKey(paymentId: string, operation: Exclude<ProviderOperation, 'inspect'>): string {
  return operation === 'refund' ? refundIdempotencyKey(paymentId) : `${operation}-${paymentId}`;
}

/** The next thing the payment step does. */
export type PaymentAction =
  /** Have the provider create its record of the payment (moves no money) and store its id. */
  | 'create'
  | 'authorize'
  /** The provider holds the authorization open; the webhook completes it. */
  | 'await-provider'
  | 'capture'
  /** Nothing left: the payment is captured. */
  | 'captured'
  | 'declined'
  /** Voided or refunded: a compensation already ran, so the order was cancelled. */
  | 'abandoned';

export function nextPaymentAction(payment: SagaPayment): PaymentAction {
  switch (payment.status) {
    case 'pending':
      if (payment.awaitingProviderSince) return 'await-provider';
      return payment.providerPaymentId ? 'authorize' : 'create';
    case 'authorized':
      return 'capture';
    case 'captured':
      return 'captured';
    case 'declined':
      return 'declined';
    case 'voided':
    case 'refunded':
      return 'abandoned';
  }
}

/**
 * One step of settling the payment of a cancelled order, from what our record says and what the
 * provider answered when asked (never a blind void: a capture whose answer was lost is refunded, an
 * authorization voided, a payment the provider cancelled or refunded already only recorded):
 * - `settled`: nothing left (declined, voided, refunded here);
 * - `record`: the provider is further than our record (an answer was lost): move our record one step
 *   towards it (pending → authorized → captured → refunded, or → voided), then decide again;
 * - `void`: cancel at the provider whatever it holds uncaptured (an authorization, one under way, a
 *   payment created but never authorized, a decline, so that no late authorization can follow);
 * - `refund`: refund what was captured;
 * - `record-voided`: the provider never created it, so nothing can be held: voided here only;
 * - `inconsistent`: our record and the provider contradict each other (a person must look).
 * Our record never runs ahead of the provider (it only records what the provider confirmed), so when
 * the provider's answer is behind ours (a provider that only knows part of the story, like the
 * in-sandbox simulator), our record decides.
 */
export type SettlementStep =
  | { kind: 'settled' }
  | { kind: 'record'; to: PaymentStatus }
  | { kind: 'void' }
  | { kind: 'refund' }
  | { kind: 'record-voided' }
  | { kind: 'inconsistent'; reason: string };

const FINAL: ReadonlySet<PaymentStatus> = new Set(['declined', 'voided', 'refunded']);

/** Declined, voided or refunded here: nothing is left to settle, whatever the provider says. */
export const isSettledPayment = (status: PaymentStatus): boolean => FINAL.has(status);

/** Our record one step closer to a provider that captured (and maybe refunded) the payment. */
const TOWARDS_CAPTURED: Partial<Record<PaymentStatus, PaymentStatus>> = { pending: 'authorized', authorized: 'captured' };

export function settlementStep(ours: PaymentStatus, provider: ProviderPaymentStatus): SettlementStep {
  if (FINAL.has(ours)) return { kind: 'settled' };
  switch (provider) {
    case 'not-created':
      if (ours === 'pending') return { kind: 'record-voided' };
      return { kind: 'inconsistent', reason: `the payment is ${ours} here but the provider has no record of it` };
    case 'created':
    case 'pending':
    case 'authorized':
    case 'declined':
      return ours === 'captured' ? { kind: 'refund' } : { kind: 'void' };
    case 'captured':
      return ours === 'captured' ? { kind: 'refund' } : { kind: 'record', to: TOWARDS_CAPTURED[ours]! };
    case 'refunded':
      return ours === 'captured' ? { kind: 'record', to: 'refunded' } : { kind: 'record', to: TOWARDS_CAPTURED[ours]! };
    case 'voided':
      if (ours === 'captured') return { kind: 'inconsistent', reason: 'the payment is captured here but the provider cancelled it' };
      return { kind: 'record', to: 'voided' };
  }
}

/** How the saga parked on a payment's authorization is resumed, given the payment now. */
export type SagaCallback =
  | { kind: 'success'; output: { paymentId: string; paymentStatus: PaymentStatus } }
  | { kind: 'failure'; error: 'PaymentDeclined' | 'OrderCancelled'; cause: string };

/** Undefined while the payment is still pending: nothing to tell the saga yet. */
export function sagaCallbackFor(payment: SagaPayment): SagaCallback | undefined {
  switch (payment.status) {
    case 'pending':
      return undefined;
    case 'authorized':
    case 'captured':
      return { kind: 'success', output: { paymentId: payment.id, paymentStatus: payment.status } };
    case 'declined':
      return { kind: 'failure', error: 'PaymentDeclined', cause: payment.declineReason ?? 'declined by the provider' };
    case 'voided':
    case 'refunded':
      return { kind: 'failure', error: 'OrderCancelled', cause: `the payment was ${payment.status} while the saga waited` };
  }
}
