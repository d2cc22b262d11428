import type { DomainEventName } from '#contracts/events/event-names';
import { type EntityEventRules, statusChanged, subjectOf } from './event-draft';

const EVENT_FOR_STATUS = new Map<unknown, DomainEventName & `payment.${string}`>([
  ['authorized', 'payment.authorized'],
  ['captured', 'payment.captured'],
  ['declined', 'payment.declined'],
  ['voided', 'payment.voided'],
  ['refunded', 'payment.refunded'],
]);

/**
 * Payment item (`PAYMENT#<id>` / `PAYMENT`) changes → payment events: the status it was written with
 * or changed to, when that status has an event (pending has none). The saga records a synchronous
 * payment once, `pending → captured` (the authorization and the capture in one write): that change is
 * both events, payment.authorized first.
 */
export const paymentChangeEvents: EntityEventRules = (change) => {
  const payment = change.newImage;
  if (!payment || change.eventName === 'REMOVE' || !statusChanged(change)) return [];
  const name = EVENT_FOR_STATUS.get(payment.status);
  if (!name) return [];
  const authorizedOnTheWay = name === 'payment.captured' && change.oldImage?.status === 'pending';
  return [...(authorizedOnTheWay ? (['payment.authorized'] as const) : []), name].map((eventName) => ({
    name: eventName,
    data: {
      paymentId: payment.id as string,
      orderId: payment.orderId as string,
      customerId: payment.customerId as string,
      amount: payment.amount as number,
      currency: payment.currency as string,
    },
    subject: subjectOf('payment', payment.id, payment, change),
    correlationId: payment.correlationId,
    occurredAt: payment.updatedAt,
  }));
};
