import * as z from 'zod';
import { patternedString } from '#contracts/api/patterned-string';
import { utcTimestampSchema } from '#inventory/domain/product';

/**
 * A notification: one message about one order event on one channel, and what became of it. Plain
 * data and rules; the records live in the table (adapters/notification-records.ts).
 */

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const TEMPLATE_NAMES = ['order-confirmed', 'order-cancelled', 'order-shipped', 'order-delivered'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * `sending`: claimed, the provider has not answered yet (or the sender died waiting: docs/notifications.md,
 * "Exactly once"). `sent`: the provider took the message. `delivered`, `bounced`, `complained`:
 * what SES reported afterwards. `failed`: the provider refused it, or every attempt failed.
 */
export const NOTIFICATION_STATUSES = ['sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** The statuses a reader sees: a record still `sending` has no outcome yet and is not listed. */
export const VISIBLE_STATUSES = ['sent', 'delivered', 'bounced', 'complained', 'failed'] as const satisfies readonly NotificationStatus[];

/**
 * How far along a message is. A status only ever moves to a higher rank, so SES's events may arrive
 * late, twice or out of order (EventBridge delivers best effort, in no order) without undoing a
 * later one: a Delivery after a Complaint changes nothing. A new claim (a retry after `failed`) is
 * the one move back to `sending`.
 */
export const STATUS_RANK: Record<NotificationStatus, number> = {
  sending: 0,
  sent: 1,
  failed: 2,
  delivered: 2,
  bounced: 3,
  complained: 3,
};

/** What the provider reported about a sent message (SES's events for e-mail). */
export type FeedbackOutcome = 'sent' | 'delivered' | 'bounced' | 'complained' | 'failed';

export interface DeliveryFeedback {
  orderId: string;
  eventId: string;
  channel: NotificationChannel;
  messageId: string;
  outcome: FeedbackOutcome;
  /** When the provider says it happened. */
  at: string;
  /** For a reader: the bounce type, the complaint type, the rejection reason. */
  detail?: string;
}

/** The status a record moves to on `feedback`, or undefined when the feedback is stale or not this message's. */
export function statusAfter(
  current: { status: NotificationStatus; messageId?: string },
  feedback: Pick<DeliveryFeedback, 'outcome' | 'messageId'>,
): NotificationStatus | undefined {
  if (current.messageId !== undefined && current.messageId !== feedback.messageId) return undefined;
  return STATUS_RANK[feedback.outcome] > STATUS_RANK[current.status] ? feedback.outcome : undefined;
}

/** A notification's id in the API: its channel and the event it is about, unique per order. */
export const notificationId = (key: { eventId: string; channel: NotificationChannel }): string => `${key.channel}:${key.eventId}`;

export const notificationSchema = z
  .strictObject({
    id: patternedString(/^(email|sms):[A-Za-z0-9-]{1,128}$/, 133, 'a notification id: `<channel>:<event id>`').describe(
      '`<channel>:<event id>`: one notification per order event and channel',
    ),
    channel: z.enum(NOTIFICATION_CHANNELS),
    template: z.enum(TEMPLATE_NAMES),
    status: z
      .enum(VISIBLE_STATUSES)
      .describe(
        '`sent`: the provider took it; `delivered`, `bounced`, `complained`: what the e-mail provider reported afterwards (text messages stay `sent`); `failed`: refused, or every attempt failed',
      ),
    recipient: patternedString(/^\S{1,256}$/, 256, 'a masked address or phone number').describe(
      'Whom it went to, masked (`s•••@example.com`, `+49•••••••••78`)',
    ),
    sentAt: utcTimestampSchema.describe('When it was handed to the provider (for `failed`: the last attempt)'),
    updatedAt: utcTimestampSchema.describe('When its status last changed'),
  })
  .meta({ id: 'Notification' });

export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.strictObject({ items: z.array(notificationSchema).max(100).describe('Oldest first') }).meta({ id: 'NotificationList' });
