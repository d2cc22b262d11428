import { exampleEvents } from '#contracts/events/example-events';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { customerNotificationFor, formatMoney } from '#notifications/domain/customer-notification';
import { lowStockAlertFor } from '#notifications/domain/low-stock-alert';
import { CUSTOMER_NOTIFICATION_EVENTS } from '#notifications/domain/notified-events';

const received = (name: (typeof CUSTOMER_NOTIFICATION_EVENTS)[number], index = 0) => parseDomainEvent(exampleEvents(name)[index], CUSTOMER_NOTIFICATION_EVENTS);

describe('customer notifications', () => {
  test.each(CUSTOMER_NOTIFICATION_EVENTS.map((name) => [name]))("%s → a message to the order's customer, keyed by the event", (name) => {
    const event = received(name);
    const notification = customerNotificationFor(event);
    expect(notification).toMatchObject({
      eventId: event.detail.id,
      correlationId: event.detail.correlationId,
      customerId: event.detail.data.customerId,
      orderId: event.detail.data.orderId,
      template: name.replace('.', '-'),
    });
    expect(notification.subject).toContain(event.detail.data.orderId);
  });

  test('confirmation states the amount; cancellation explains the reason', () => {
    expect(customerNotificationFor(received('order.confirmed')).body).toContain('€50.48');
    expect(customerNotificationFor(received('order.cancelled', 0)).body).toContain('the payment was declined');
    expect(customerNotificationFor(received('order.cancelled', 1)).body).toContain('you cancelled it');
  });

  test("money is formatted with the currency's own decimals", () => {
    expect(formatMoney(5048, 'EUR')).toBe('€50.48');
    expect(formatMoney(5048, 'JPY')).toBe('¥5,048');
  });

  test('a low stock alert names the product, the stock and the threshold', () => {
    const alert = lowStockAlertFor(parseDomainEvent(exampleEvents('inventory.low_stock')[0], ['inventory.low_stock']));
    expect(alert.message).toBe('Espresso beans 1 kg (SKU-1) is low on stock: 3 left, below the threshold of 5.');
  });
});
