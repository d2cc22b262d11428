import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';
import type { NotificationChannel, TemplateName } from './notification';
import type { CustomerNotificationEventName } from './notified-events';

/**
 * What to tell a customer about an order event: which template, on which channels, with what data.
 * Pure: the same event always gives the same notice. Whom to tell (the order's contact) is looked up
 * by the use case; the words are in the templates (templates/, docs/notifications.md).
 */

/** The data every template is rendered with. Every field is always present, so strict rendering can catch a misspelt one. */
export interface TemplateData {
  orderId: string;
  /** Confirmed orders: what was paid, formatted ("€50.48"); otherwise empty. */
  total: string;
  /** Cancelled orders: why, in words ("the payment was declined"); otherwise empty. */
  reason: string;
  /** Cancelled orders: whether money was taken and goes back (a confirmed order was paid). */
  refunded: boolean;
}

export interface CustomerNotice {
  eventId: string;
  correlationId: string;
  detailType: CustomerNotificationEventName;
  customerId: string;
  orderId: string;
  template: TemplateName;
  /** Where this event is told, in order: e-mail always, a text message when the order ships. */
  channels: NotificationChannel[];
  data: TemplateData;
}

const CANCELLATION_REASONS: Record<string, string> = {
  out_of_stock: 'some items were out of stock',
  payment_declined: 'the payment was declined',
  payment_unavailable: 'we could not reach the payment provider',
  customer_cancelled: 'you cancelled it',
};

/** A reason this code does not know yet (the event's contract allows new ones): said generically. */
const UNKNOWN_REASON = 'of a problem processing it';

export const reasonInWords = (reason: string): string => (Object.hasOwn(CANCELLATION_REASONS, reason) ? CANCELLATION_REASONS[reason]! : UNKNOWN_REASON);

/** Minor units → "€50.48", with the currency's own number of decimals (JPY has none). */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** The notice for an order event. */
export function customerNoticeFor(event: ReceivedDomainEvent<CustomerNotificationEventName>): CustomerNotice {
  const { id: eventId, correlationId } = event.detail;
  const { orderId, customerId } = event.detail.data;
  const base = { eventId, correlationId, detailType: event.name, customerId, orderId };
  const data: TemplateData = { orderId, total: '', reason: '', refunded: false };
  switch (event.name) {
    case 'order.confirmed': {
      const { totalAmount, currency } = event.detail.data;
      return { ...base, template: 'order-confirmed', channels: ['email'], data: { ...data, total: formatMoney(totalAmount, currency) } };
    }
    case 'order.cancelled': {
      const { reason, previousStatus } = event.detail.data;
      return {
        ...base,
        template: 'order-cancelled',
        channels: ['email'],
        data: { ...data, reason: reasonInWords(reason), refunded: previousStatus !== 'pending' },
      };
    }
    case 'order.shipped':
      return { ...base, template: 'order-shipped', channels: ['email', 'sms'], data };
    case 'order.delivered':
      return { ...base, template: 'order-delivered', channels: ['email'], data };
  }
}
