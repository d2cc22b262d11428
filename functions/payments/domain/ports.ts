import type { PaymentRecord, PaymentStatus } from './payment';
import type { PaymentProvider } from './payment-provider';
import type { WebhookEvent } from './webhook-event';

/** What the payments use cases need; its handlers give them the AWS adapters (adapters/payments-adapters.ts). */

/** Where payments live (the orders context creates them); refunds claim a payment before the provider is called. */
export interface PaymentRepository {
  find(id: string, options?: { consistent?: boolean }): Promise<PaymentRecord | undefined>;
  /** Claims a captured payment for refunding (a lease), so that of two concurrent refunds only one calls the provider. */
  claimRefund(id: string, claimId: string, now: Date): Promise<{ claimed: true; payment: PaymentRecord } | { claimed: false; payment?: PaymentRecord }>;
  /** captured → refunded, only while this claim still holds the payment; undefined when it no longer does. */
  completeRefund(id: string, claimId: string, now: Date): Promise<PaymentRecord | undefined>;
  /** Gives a claim up (the provider call failed), so the next request need not wait for the lease. */
  releaseRefundClaim(id: string, claimId: string): Promise<void>;
}

/** A status change to make together with recording the event. */
export interface PaymentStatusChange {
  paymentId: string;
  from: PaymentStatus;
  to: PaymentStatus;
}

/**
 * `recorded`: first delivery, recorded (and the change made). `duplicate`: the event id was
 * recorded before, nothing done. `payment-changed`: the payment is no longer in `from`, nothing
 * done. `contended`: another transaction held one of the items (e.g. the same event delivered twice
 * at once), nothing done; trying again settles it.
 */

/**
 * `recorded`: first delivery, recorded (and the change made). `duplicate`: the event id was
 * recorded before, nothing done. `payment-changed`: the payment is no longer in `from`, nothing
 * done. `contended`: another transaction held one of the items (e.g. the same event delivered twice
 * at once), nothing done; trying again settles it.
 */
export type RecordOutcome = 'recorded' | 'duplicate' | 'payment-changed' | 'contended';

/** The provider's events by id: each one recorded together with the status change it reports, at most once. */
export interface WebhookEventLedger {
  record(event: WebhookEvent, now: Date, change?: PaymentStatusChange): Promise<RecordOutcome>;
}

/** Resumes the saga parked on a payment, if one is (the saga's own use case); answers how it went. */
export interface WaitingSagas {
  resume(paymentId: string): Promise<string>;
}

export interface PaymentsPorts {
  payments: PaymentRepository;
  webhookEvents: WebhookEventLedger;
  waitingSagas: WaitingSagas;
  /** The stage's provider; made on first use. */
  provider(): PaymentProvider;
}
