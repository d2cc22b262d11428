/**
 * The port to a card payment provider. Every call that changes something carries an idempotency key:
 * the same key again (a retried saga step, a retried request) gets the first call's answer and changes
 * nothing twice. Calls fail with PaymentDeclined (business), PaymentProviderUnavailable (transient) or
 * PaymentProviderRejected (the request itself was refused).
 *
 * A payment is first `create`d at the provider, which moves no money and answers the provider's own
 * id for it; the caller stores that id on the payment record before it `authorize`s, and every later
 * call names it (`providerPaymentId`). So whoever settles a payment knows exactly which provider
 * record to ask, and a payment without a stored id was never authorized.
 */

/** What the provider needs to know about the payment a call acts on. */
export interface ProviderPayment {
  id: string;
  amount: number;
  currency: string;
  /** The card token given at checkout. */
  token: string;
  /** The provider's id of the payment, once `create` answered it (required by every call but `create`). */
  providerPaymentId?: string;
}

export interface ProviderCall {
  payment: ProviderPayment;
  /** Unique per intended effect; the same key repeats the same effect at most once. */
  idempotencyKey: string;
}

/** `authorized` at once, or `pending`: the provider completes it later through the webhook. */
/**
 * `replayed`: the provider answered from its record of an earlier call under the same idempotency
 * key (Stripe marks such answers `Idempotent-Replayed: true`) instead of doing the work again, so the
 * answer says nothing about the provider's health now.
 */
export type AuthorizationResult = ({ status: 'authorized' } | { status: 'pending' }) & { replayed?: boolean };

/**
 * Where the payment stands at the provider, whatever our record says:
 * - `not-created`: the provider has no record of it (no `providerPaymentId`: never created);
 * - `created`: created, never authorized; `pending`: authorization under way (completes by webhook);
 * - `authorized`: money held, capturable; `captured`: money taken (`refunded` once fully refunded);
 * - `voided`: cancelled before capture; `declined`: the authorization was refused.
 */
export type ProviderPaymentStatus = 'not-created' | 'created' | 'pending' | 'authorized' | 'captured' | 'refunded' | 'voided' | 'declined';

export interface ProviderPaymentState {
  status: ProviderPaymentStatus;
}

export interface PaymentProvider {
  /** The provider's record of the payment, nothing authorized yet. */
  create(call: ProviderCall): Promise<{ providerPaymentId: string }>;
  authorize(call: ProviderCall): Promise<AuthorizationResult>;
  capture(call: ProviderCall): Promise<{ status: 'captured' }>;
  /** Cancels whatever is not captured (an authorization, a pending or never authorized payment). */
  void(call: ProviderCall): Promise<{ status: 'voided' }>;
  /** A full refund of a captured payment; a payment already refunded answers `refunded` again. */
  refund(call: ProviderCall): Promise<{ status: 'refunded' }>;
  /** Asks the provider where the payment stands (a read: no key, no effect). */
  inspect(payment: ProviderPayment): Promise<ProviderPaymentState>;
}

export type ProviderOperation = keyof PaymentProvider;
