import * as z from 'zod';
import { patternedString } from '#contracts/api/patterned-string';
import { paymentIdSchema, type PaymentStatus } from './payment';

/** The event types the provider sends and the payment status each one reports. */
export const PAYMENT_STATUS_BY_EVENT_TYPE = {
  'payment.authorized': 'authorized',
  'payment.failed': 'declined',
  'payment.captured': 'captured',
  'payment.voided': 'voided',
  'payment.refunded': 'refunded',
} as const satisfies Record<string, PaymentStatus>;

export type KnownWebhookEventType = keyof typeof PAYMENT_STATUS_BY_EVENT_TYPE;

/**
 * Body of receivePaymentWebhook. Unlike our clients' bodies it tolerates members it does not know:
 * a provider adds fields and event types over time, and refusing them would make it redeliver an
 * event forever. A type we do not act on is acknowledged and recorded, nothing more.
 */
export const webhookEventSchema = z
  .looseObject({
    id: patternedString(/^[A-Za-z0-9_-]{1,128}$/, 128, 'an event id is 1 to 128 characters of A-Z, a-z, 0-9, _ and -').describe(
      "The provider's event id: a redelivery repeats it",
    ),
    // At most four dot-separated words of 40: 4 × 40 + 3 dots.
    type: patternedString(/^[a-z][a-z_]{0,39}(\.[a-z][a-z_]{0,39}){1,3}$/, 163, 'an event type such as payment.authorized').describe(
      `What happened. Acted on: ${Object.keys(PAYMENT_STATUS_BY_EVENT_TYPE).join(', ')}; others are acknowledged and ignored.`,
    ),
    data: z
      .looseObject({
        paymentId: paymentIdSchema,
        reason: z.string().max(200).optional().describe('Why, for `payment.failed` (e.g. `card_declined`)'),
      })
      .describe('The payment the event is about'),
  })
  .meta({ id: 'PaymentWebhookEvent', description: 'A payment provider event, signed with the `Stripe-Signature` header.' });

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The status an event reports, or undefined for a type we do not act on. */
export function reportedStatus(type: string): PaymentStatus | undefined {
  return Object.hasOwn(PAYMENT_STATUS_BY_EVENT_TYPE, type) ? PAYMENT_STATUS_BY_EVENT_TYPE[type as KnownWebhookEventType] : undefined;
}

/** How long a processed event id is remembered: longer than any provider keeps redelivering (3 days). */
export const WEBHOOK_EVENT_RETENTION_SECONDS = 7 * 24 * 60 * 60;
