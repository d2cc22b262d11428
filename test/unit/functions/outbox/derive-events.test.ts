import fc from 'fast-check';
import type { DomainEvent } from '#contracts/events/domain-event';
import { domainEventId } from '#contracts/events/event-id';
import { deriveEvents } from '#outbox/domain/derive-events';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '#outbox/domain/product-changes';
import { toStreamChange } from '#outbox/adapters/stream-change';
import { inserted, modified, orderItem, paymentItem, productItem, removed, reservationItem, streamRecord } from './support/stream-records';

type Record = ReturnType<typeof inserted>;
const derive = (record: Record): DomainEvent[] => deriveEvents(toStreamChange(record));
const names = (record: Record) => derive(record).map((event) => event.detailType);

describe('deriveEvents: orders', () => {
  test('an inserted order is order.placed, with the order in its data', () => {
    const [event] = derive(inserted(orderItem()));
    expect(event).toEqual({
      source: 'ordersaga.orders',
      detailType: 'order.placed',
      detail: {
        version: 1,
        id: domainEventId({ entity: 'order', id: 'o-1', version: 1 }, 'order.placed'),
        occurredAt: '2026-03-14T09:00:00.000Z',
        correlationId: 'corr-order-1',
        data: {
          orderId: 'o-1',
          customerId: 'c-1',
          status: 'pending',
          items: [{ sku: 'SKU-1', name: 'Beans', quantity: 2, unitPrice: 1500 }],
          totalAmount: 3000,
          currency: 'EUR',
        },
      },
    });
  });

  test.each([
    ['pending', 'confirmed', 'order.confirmed'],
    ['pending', 'cancelled', 'order.cancelled'],
    ['confirmed', 'cancelled', 'order.cancelled'],
    ['confirmed', 'shipped', 'order.shipped'],
    ['shipped', 'delivered', 'order.delivered'],
  ])('status %s → %s is %s', (from, to, expected) => {
    const record = modified(orderItem({ status: from, version: 2 }), orderItem({ status: to, version: 3, updatedAt: '2026-03-14T09:05:00.000Z' }));
    const events = derive(record);
    expect(events.map((e) => e.detailType)).toEqual([expected]);
    expect(events[0].source).toBe('ordersaga.orders');
    expect(events[0].detail.occurredAt).toBe('2026-03-14T09:05:00.000Z');
    expect(events[0].detail.correlationId).toBe('corr-order-1');
    expect(events[0].detail.id).toBe(domainEventId({ entity: 'order', id: 'o-1', version: 3 }, expected));
  });

  test('order.confirmed carries the amount and the payment id', () => {
    const [event] = derive(modified(orderItem(), orderItem({ status: 'confirmed', version: 2, payment: { id: 'p-1', status: 'captured' } })));
    expect(event.detail.data).toEqual({ orderId: 'o-1', customerId: 'c-1', totalAmount: 3000, currency: 'EUR', paymentId: 'p-1' });
  });

  test('order.cancelled carries the reason and the status it left', () => {
    const [event] = derive(modified(orderItem(), orderItem({ status: 'cancelled', cancellationReason: 'payment_declined', version: 2 })));
    expect(event.detail.data).toEqual({ orderId: 'o-1', customerId: 'c-1', reason: 'payment_declined', previousStatus: 'pending' });
  });

  test('the events customers are told about name whom, masked (v2); the address itself never leaves the order', () => {
    const contact = { email: 'success@simulator.amazonses.com', phone: '+447700900123' };
    const masked = { email: 's•••@simulator.amazonses.com', phone: '+44••••••••23' };
    for (const [from, to] of [
      ['pending', 'confirmed'],
      ['pending', 'cancelled'],
      ['confirmed', 'shipped'],
      ['shipped', 'delivered'],
    ]) {
      const [event] = derive(modified(orderItem({ status: from, contact }), orderItem({ status: to, version: 2, contact })));
      expect(event.detail.version).toBe(2);
      expect(event.detail.data).toHaveProperty('contact', masked);
      expect(JSON.stringify(event)).not.toContain('success@');
      expect(JSON.stringify(event)).not.toContain('900123');
    }
    const [onlyEmail] = derive(
      modified(orderItem({ contact: { email: 'ada@example.com' } }), orderItem({ status: 'confirmed', version: 2, contact: { email: 'ada@example.com' } })),
    );
    expect(onlyEmail.detail.data).toHaveProperty('contact', { email: 'a•••@example.com' });
    const [nobody] = derive(modified(orderItem({ contact: {} }), orderItem({ status: 'confirmed', version: 2, contact: {} })));
    expect(nobody.detail.data).not.toHaveProperty('contact');
    const [placed] = derive(inserted(orderItem({ contact })));
    expect(JSON.stringify(placed)).not.toContain('simulator');
  });

  test('a cancellation without a recorded reason says so rather than failing', () => {
    const [event] = derive(modified(orderItem({ status: 'confirmed' }), orderItem({ status: 'cancelled', version: 2 })));
    expect(event.detail.data).toMatchObject({ reason: 'unspecified', previousStatus: 'confirmed' });
  });

  test.each([
    ['an update that leaves the status alone', modified(orderItem(), orderItem({ payment: { id: 'p-1', status: 'authorized' }, version: 2 }))],
    ['an unchanged rewrite', modified(orderItem({ status: 'confirmed' }), orderItem({ status: 'confirmed' }))],
    ['a change back to pending', modified(orderItem({ status: 'confirmed' }), orderItem({ status: 'pending', version: 2 }))],
    ['a deletion', removed(orderItem())],
  ])('%s publishes nothing', (_, record) => {
    expect(derive(record)).toEqual([]);
  });

  test('an order without what its contract requires is refused, not published half-formed', () => {
    const { customerId: _, ...withoutCustomer } = orderItem();
    expect(() => derive(inserted(withoutCustomer))).toThrow(/customerId/);
  });
});

describe('deriveEvents: payments', () => {
  test.each([
    ['pending', 'authorized', 'payment.authorized'],
    ['authorized', 'captured', 'payment.captured'],
    ['pending', 'declined', 'payment.declined'],
    ['authorized', 'voided', 'payment.voided'],
    ['captured', 'refunded', 'payment.refunded'],
  ])('status %s → %s is %s', (from, to, expected) => {
    const [event, ...rest] = derive(modified(paymentItem({ status: from }), paymentItem({ status: to, version: 2 })));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      source: 'ordersaga.payments',
      detailType: expected,
      detail: { correlationId: 'corr-order-1', data: { paymentId: 'p-1', orderId: 'o-1', customerId: 'c-1', amount: 3000, currency: 'EUR' } },
    });
  });

  test('a payment written directly in its outcome publishes that outcome', () => {
    expect(names(inserted(paymentItem({ status: 'authorized' })))).toEqual(['payment.authorized']);
    expect(names(inserted(paymentItem({ status: 'declined' })))).toEqual(['payment.declined']);
  });

  test.each([
    ['a pending payment created', inserted(paymentItem())],
    ['an update without a status change', modified(paymentItem({ status: 'captured' }), paymentItem({ status: 'captured', version: 2 }))],
    ['a deletion', removed(paymentItem())],
  ])('%s publishes nothing', (_, record) => {
    expect(derive(record)).toEqual([]);
  });

  test('a payment without a correlation id starts its own chain, named after the event', () => {
    const { correlationId: _, ...uncorrelated } = paymentItem({ status: 'authorized' });
    const [event] = derive(inserted(uncorrelated));
    expect(event.detail.correlationId).toBe(event.detail.id);
  });
});

describe('deriveEvents: stock reservations', () => {
  test('a reservation written as reserved is inventory.reserved, timed by the stream when the item has no updatedAt', () => {
    const [event, ...rest] = derive(streamRecord({ eventName: 'INSERT', newImage: reservationItem(), at: new Date('2026-03-14T09:00:02Z') }));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      source: 'ordersaga.inventory',
      detailType: 'inventory.reserved',
      detail: {
        version: 1,
        id: domainEventId({ entity: 'reservation', id: 'o-1', version: 1 }, 'inventory.reserved'),
        occurredAt: '2026-03-14T09:00:02.000Z',
        correlationId: 'corr-order-1',
        data: { orderId: 'o-1', items: [{ sku: 'SKU-1', quantity: 2 }] },
      },
    });
  });

  test('reserved → released is inventory.released', () => {
    expect(names(modified(reservationItem(), reservationItem({ status: 'released', version: 2 })))).toEqual(['inventory.released']);
  });

  test.each([
    ['a reservation inserted as released (compensation before any reservation)', inserted(reservationItem({ status: 'released' }))],
    ['a released reservation rewritten', modified(reservationItem({ status: 'released' }), reservationItem({ status: 'released', version: 3 }))],
    ['a deletion', removed(reservationItem())],
  ])('%s publishes nothing', (_, record) => {
    expect(derive(record)).toEqual([]);
  });
});

describe('deriveEvents: low stock', () => {
  const stockChange = (before: number, after: number, extra: { [key: string]: unknown } = {}) =>
    modified(productItem({ stock: before, ...extra }), productItem({ stock: after, ...extra }));

  test('stock falling from above the default threshold to below it is inventory.low_stock', () => {
    const [event, ...rest] = derive(stockChange(6, 4));
    expect(rest).toEqual([]);
    expect(DEFAULT_LOW_STOCK_THRESHOLD).toBe(5);
    expect(event).toMatchObject({
      source: 'ordersaga.inventory',
      detailType: 'inventory.low_stock',
      detail: { data: { sku: 'SKU-1', name: 'Beans', stock: 4, threshold: 5 } },
    });
  });

  test.each([
    [5, 4, ['inventory.low_stock']],
    [5, 0, ['inventory.low_stock']],
    [4, 3, []],
    [10, 5, []],
    [3, 8, []],
    [2, 2, []],
  ])('stock %i → %i with the default threshold: %j', (before, after, expected) => {
    expect(names(stockChange(before, after))).toEqual(expected);
  });

  test("a product's own threshold applies", () => {
    expect(derive(stockChange(25, 19, { lowStockThreshold: 20 }))[0].detail.data).toMatchObject({ stock: 19, threshold: 20 });
    expect(names(stockChange(6, 4, { lowStockThreshold: 2 }))).toEqual([]);
  });

  test('a product created with little stock, or a price change, publishes nothing', () => {
    expect(names(inserted(productItem({ stock: 1 })))).toEqual([]);
    expect(names(modified(productItem({ stock: 2 }), productItem({ stock: 2, price: 999 })))).toEqual([]);
  });

  test("the product's version names the crossing when it has one; else the stream record does", () => {
    const versioned = derive(modified(productItem({ stock: 6, version: 7 }), productItem({ stock: 4, version: 8 })))[0];
    expect(versioned.detail.id).toBe(domainEventId({ entity: 'product', id: 'SKU-1', version: 8 }, 'inventory.low_stock'));
    const unversioned = derive(stockChange(6, 4))[0];
    expect(derive(stockChange(6, 4))[0].detail.id).not.toBe(unversioned.detail.id); // another record, another crossing
  });

  test('once per crossing: any run of stock changes publishes once per fall below, none while it stays low', () => {
    const threshold = DEFAULT_LOW_STOCK_THRESHOLD;
    fc.assert(
      fc.property(fc.integer({ min: threshold, max: 30 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }), (start, levels) => {
        const stocks = [start, ...levels];
        const alerts: number[] = [];
        for (let i = 1; i < stocks.length; i++) {
          if (derive(stockChange(stocks[i - 1], stocks[i])).length > 0) alerts.push(i);
        }
        // Each alert is a fall to below the threshold, and between two alerts the stock was back up.
        for (const i of alerts) expect(stocks[i]).toBeLessThan(threshold);
        for (let k = 1; k < alerts.length; k++) {
          expect(stocks.slice(alerts[k - 1], alerts[k]).some((stock) => stock >= threshold)).toBe(true);
        }
        // And a fall always alerts.
        const falls = stocks.filter((stock, i) => i > 0 && stocks[i - 1] >= threshold && stock < threshold).length;
        expect(alerts).toHaveLength(falls);
      }),
    );
  });

  test('reservations one after another while low publish once', () => {
    const levels = [7, 5, 4, 3, 1, 0];
    const events = levels.slice(1).flatMap((stock, i) => derive(stockChange(levels[i], stock)));
    expect(events.map((e) => e.detail.data)).toEqual([expect.objectContaining({ stock: 4 })]);
  });
});

describe('deriveEvents: everything else in the table', () => {
  test.each([
    ['an idempotency record', { pk: 'IDEMPOTENCY#x', sk: 'IDEMPOTENCY', entity: 'idempotency', status: 'COMPLETED' }],
    ['a notification record', { pk: 'NOTIFICATION#x', sk: 'CHANNEL#email', entity: 'notification', deliveryStatus: 'delivered' }],
    ['an item without an entity', { pk: 'X#1', sk: 'X', status: 'confirmed' }],
  ])('%s publishes nothing', (_, item) => {
    expect(derive(inserted(item))).toEqual([]);
    expect(derive(modified({ ...item, status: 'a' }, { ...item, status: 'b' }))).toEqual([]);
  });
});

describe('deterministic event ids', () => {
  test('the same change gives the same events, ids included, however often it is derived', () => {
    const record = modified(orderItem(), orderItem({ status: 'confirmed', version: 2 }));
    expect(derive(record)).toEqual(derive(record));
    expect(derive(JSON.parse(JSON.stringify(record)))).toEqual(derive(record));
  });

  test('another version of the entity, or another event, has another id', () => {
    const confirmed = derive(modified(orderItem(), orderItem({ status: 'confirmed', version: 2 })))[0].detail.id;
    const placed = derive(inserted(orderItem()))[0].detail.id;
    const otherOrder = derive(inserted(orderItem({ id: 'o-2', pk: 'ORDER#o-2' })))[0].detail.id;
    expect(new Set([confirmed, placed, otherOrder]).size).toBe(3);
  });

  test('a whole order life publishes no id twice', () => {
    const life = [
      inserted(orderItem()),
      inserted(reservationItem()),
      inserted(paymentItem()),
      modified(paymentItem(), paymentItem({ status: 'authorized', version: 2 })),
      modified(paymentItem({ status: 'authorized', version: 2 }), paymentItem({ status: 'captured', version: 3 })),
      modified(orderItem(), orderItem({ status: 'confirmed', version: 2 })),
      modified(orderItem({ status: 'confirmed', version: 2 }), orderItem({ status: 'shipped', version: 3 })),
      modified(orderItem({ status: 'shipped', version: 3 }), orderItem({ status: 'delivered', version: 4 })),
    ];
    const events = life.flatMap(derive);
    expect(events.map((e) => e.detailType)).toEqual([
      'order.placed',
      'inventory.reserved',
      'payment.authorized',
      'payment.captured',
      'order.confirmed',
      'order.shipped',
      'order.delivered',
    ]);
    expect(new Set(events.map((e) => e.detail.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.detail.correlationId))).toEqual(new Set(['corr-order-1']));
  });
});
