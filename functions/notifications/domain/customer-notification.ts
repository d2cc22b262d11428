import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';
import type { CustomerNotificationEventName } from './notified-events';

/** A message to a customer about their order, ready for a delivery channel. */
export interface CustomerNotification {
  eventId: string;
  correlationId: string;
  customerId: string;
  orderId: string;
  template: 'order-confirmed' | 'order-cancelled' | 'order-shipped' | 'order-delivered';
  subject: string;
  body: string;
}

const CANCELLATION_REASONS: Record<string, string> = {
  out_of_stock: 'some items were out of stock',
  payment_declined: 'the payment was declined',
  payment_unavailable: 'we could not reach the payment provider',
  customer_cancelled: 'you cancelled it',
};

/** Minor units → "€50.48", with the currency's own number of decimals (JPY has none). */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** What to tell the customer for an order event. Pure. */
export function customerNotificationFor(event: ReceivedDomainEvent<CustomerNotificationEventName>): CustomerNotification {
  const { id: eventId, correlationId } = event.detail;
  const base = { eventId, correlationId, customerId: event.detail.data.customerId, orderId: event.detail.data.orderId };
  const order = base.orderId;
  switch (event.name) {
    case 'order.confirmed': {
      const { totalAmount, currency } = event.detail.data;
      return {
        ...base,
        template: 'order-confirmed',
        subject: `Order ${order} confirmed`,
        body: `We have your payment of ${formatMoney(totalAmount, currency)} and your order is being prepared.`,
      };
    }
    case 'order.cancelled': {
      const { reason } = event.detail.data;
      const why = CANCELLATION_REASONS[reason] ?? 'of a problem processing it';
      return {
        ...base,
        template: 'order-cancelled',
        subject: `Order ${order} cancelled`,
        body: `Your order was cancelled because ${why}. Any payment taken is returned.`,
      };
    }
    case 'order.shipped':
      return { ...base, template: 'order-shipped', subject: `Order ${order} shipped`, body: 'Your order is on its way.' };
    case 'order.delivered':
      return { ...base, template: 'order-delivered', subject: `Order ${order} delivered`, body: 'Your order was delivered. Enjoy!' };
  }
}
