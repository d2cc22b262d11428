/**
 * The port to a card payment provider. Every call carries an idempotency key: the same key again
 * (a retried saga step, a retried request) gets the first call's answer and changes nothing twice.
 * Calls fail with PaymentDeclined (business) or PaymentProviderUnavailable (transient).
 */

/** What the provider needs to know about the payment a call acts on. */
export interface ProviderPayment {
  id: string;
  amount: number;
  currency: string;
  /** The card token given at checkout. */
  token: string;
}

export interface ProviderCall {
  payment: ProviderPayment;
  /** Unique per intended effect; the same key repeats the same effect at most once. */
  idempotencyKey: string;
}

/** `authorized` at once, or `pending`: the provider completes it later through the webhook. */
export type AuthorizationResult = { status: 'authorized' } | { status: 'pending' };

export interface PaymentProvider {
  authorize(call: ProviderCall): Promise<AuthorizationResult>;
  capture(call: ProviderCall): Promise<{ status: 'captured' }>;
  void(call: ProviderCall): Promise<{ status: 'voided' }>;
  /** A full refund of a captured payment. */
  refund(call: ProviderCall): Promise<{ status: 'refunded' }>;
}

export type ProviderOperation = keyof PaymentProvider;
