import { exampleEvents } from '#contracts/events/example-events';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { customerNoticeFor, formatMoney, reasonInWords } from '#notifications/domain/customer-notification';
import { lowStockAlertFor } from '#notifications/domain/low-stock-alert';
import { CUSTOMER_NOTIFICATION_EVENTS } from '#notifications/domain/notified-events';

const received = (name: (typeof CUSTOMER_NOTIFICATION_EVENTS)[number], index = 0) => parseDomainEvent(exampleEvents(name)[index], CUSTOMER_NOTIFICATION_EVENTS);

describe('customer notices', () => {
  test.each(CUSTOMER_NOTIFICATION_EVENTS.map((name) => [name]))("%s → a notice about the order, keyed by the event, with the event's template", (name) => {
    const event = received(name);
    expect(customerNoticeFor(event)).toMatchObject({
      eventId: event.detail.id,
      correlationId: event.detail.correlationId,
      detailType: name,
      customerId: event.detail.data.customerId,
      orderId: event.detail.data.orderId,
      template: name.replace('.', '-'),
      data: { orderId: event.detail.data.orderId },
    });
  });

  test('every event is e-mailed; only shipping is also texted', () => {
    expect(Object.fromEntries(CUSTOMER_NOTIFICATION_EVENTS.map((name) => [name, customerNoticeFor(received(name)).channels]))).toEqual({
      'order.confirmed': ['email'],
      'order.cancelled': ['email'],
      'order.shipped': ['email', 'sms'],
      'order.delivered': ['email'],
    });
  });

  test('the confirmation states the amount; the cancellation its reason in words, and whether money goes back', () => {
    expect(customerNoticeFor(received('order.confirmed')).data.total).toBe('€50.48');
    expect(customerNoticeFor(received('order.cancelled', 0)).data).toMatchObject({ reason: 'the payment was declined', refunded: false });
    expect(customerNoticeFor(received('order.cancelled', 1)).data).toMatchObject({ reason: 'you cancelled it', refunded: true });
  });

  test('every reason the saga gives has its words; an unknown one is said generically', () => {
    expect(reasonInWords('out_of_stock')).toBe('some items were out of stock');
    expect(reasonInWords('payment_unavailable')).toBe('we could not reach the payment provider');
    expect(reasonInWords('a_new_reason')).toBe('of a problem processing it');
    expect(reasonInWords('toString')).toBe('of a problem processing it');
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
