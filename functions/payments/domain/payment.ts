import * as z from 'zod';
import { patternedString } from '#contracts/api/patterned-string';

/** The most an order can cost, in minor units: 50 lines of at most 100 units at most 100,000,000 each. */
const MAX_ORDER_AMOUNT = 50 * 100 * 100_000_000;

export const PAYMENT_STATUSES = ['pending', 'authorized', 'captured', 'declined', 'voided', 'refunded'] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES).describe('Where the payment is in its lifecycle');
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** Payment ids are opaque (ULIDs in practice); this only keeps junk out of keys and logs. */
export const paymentIdSchema = patternedString(/^[A-Za-z0-9_-]{1,64}$/, 64, 'a payment id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -').describe(
  'Payment id (opaque)',
);

/** A payment as the API answers it. The card token and the customer stay inside. */
export const paymentSchema = z
  .strictObject({
    id: paymentIdSchema,
    orderId: patternedString(/^[A-Za-z0-9_-]{1,64}$/, 64, 'an order id').describe('The order this payment pays for'),
    status: paymentStatusSchema,
    amount: z.number().int().min(0).max(MAX_ORDER_AMOUNT).describe('Minor units of `currency` (cents)'),
    currency: patternedString(/^[A-Z]{3}$/, 3, 'an ISO 4217 code').describe('ISO 4217 code'),
    updatedAt: z.iso.datetime().max(30).describe('Last change (ISO 8601 UTC)'),
  })
  .meta({ id: 'Payment', description: 'A card payment of an order.' });

export type Payment = z.infer<typeof paymentSchema>;

/**
 * A payment as stored (`PAYMENT#<id>` / `PAYMENT`). The orders context creates it `pending` with the
 * order; payments (and the saga) move it along the transitions of payment-transitions.ts.
 */
export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  method: 'card';
  /** The card token the customer paid with; the simulator's behaviour follows it. */
  token: string;
  /** The provider's id of the payment (its PaymentIntent), stored by the saga before it authorizes. */
  providerPaymentId?: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change (optimistic concurrency). */
  version: number;
}

export const paymentView = (record: PaymentRecord): Payment => ({
  id: record.id,
  orderId: record.orderId,
  status: record.status,
  amount: record.amount,
  currency: record.currency,
  updatedAt: record.updatedAt,
});

/** A customer sees their own payments, an admin every payment. */
export const mayRead = (record: PaymentRecord, caller: { customerId: string; isAdmin: boolean }): boolean =>
  caller.isAdmin || record.customerId === caller.customerId;
