import type { PaymentStatus } from '../../payments/domain/payment';
import type { ProviderOperation } from '../../payments/domain/payment-provider';
import { refundIdempotencyKey } from '../../payments/domain/refund-policy';

/**
 * What the saga does with a payment, decided from the payment item alone so that a retried or
 * duplicated step (which reads the item again) picks up exactly where the last attempt left off.
 */

/** The payment as the saga reads it: the payment record plus the saga's bookkeeping attributes. */
export interface SagaPayment {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  token: string;
  /** Set before the first authorize call: from then on the provider may hold an authorization. */
  authorizationRequestedAt?: string;
  /** Set when the provider answered `pending`: it completes the authorization through the webhook. */
  awaitingProviderSince?: string;
  /** The task token of the saga waiting for that webhook. */
  sagaTaskToken?: string;
  declineReason?: string;
}

/** The provider idempotency key of one effect on a payment. Refunds share the admin route's key, so the two can never refund twice. */
export function providerIdempotencyKey(paymentId: string, operation: ProviderOperation): string {
  return operation === 'refund' ? refundIdempotencyKey(paymentId) : `${operation}-${paymentId}`;
}

/** The next thing the payment step does. */
export type PaymentAction =
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
      return payment.awaitingProviderSince ? 'await-provider' : 'authorize';
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
 * How compensation settles a payment:
 * - captured → refund; authorized → void (the provider holds money: must succeed, retried).
 * - pending and awaiting the provider → void (the provider holds an open authorization).
 * - pending, authorization requested but never answered (every call failed transiently) → void at
 *   the provider as a best effort: no authorization was ever confirmed, so a failing void does not
 *   keep the order from being compensated (an authorization that did slip through lapses uncaptured).
 * - pending, never sent to the provider (out of stock, cancelled first) → voided here only.
 * - declined, voided, refunded → nothing.
 */
export type PaymentCompensation =
  | { kind: 'none' }
  | { kind: 'refund' }
  | { kind: 'void'; provider: 'required' | 'best-effort' | 'not-needed' };

export function paymentCompensation(payment: SagaPayment): PaymentCompensation {
  switch (payment.status) {
    case 'captured':
      return { kind: 'refund' };
    case 'authorized':
      return { kind: 'void', provider: 'required' };
    case 'pending':
      if (payment.awaitingProviderSince) return { kind: 'void', provider: 'required' };
      return { kind: 'void', provider: payment.authorizationRequestedAt ? 'best-effort' : 'not-needed' };
    case 'declined':
    case 'voided':
    case 'refunded':
      return { kind: 'none' };
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
