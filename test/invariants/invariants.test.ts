import {
  eventViolations,
  invariantViolations,
  NO_VIOLATIONS,
  paymentViolations,
  stockViolations,
  unsettledOrders,
  type ObservedEvent,
  type ObservedOrder,
  type Observation,
} from './support/invariants';

/** The invariant checks themselves: quiet on a consistent run, and each one speaks up when its rule is broken. */

let nextEventId = 0;
const event = (type: string, data: Record<string, unknown>): ObservedEvent => ({ 'detail-type': type, detail: { id: `evt-${nextEventId++}`, data } });

const confirmedOrder: ObservedOrder = {
  id: 'o-1',
  customerId: 'c-1',
  status: 'confirmed',
  items: [{ sku: 'A', quantity: 2 }],
  payment: { id: 'p-1', status: 'captured' },
};
const declinedOrder: ObservedOrder = {
  id: 'o-2',
  customerId: 'c-1',
  status: 'cancelled',
  cancellationReason: 'payment_declined',
  items: [{ sku: 'A', quantity: 1 }],
  payment: { id: 'p-2', status: 'declined' },
};
const outOfStockOrder: ObservedOrder = {
  id: 'o-3',
  customerId: 'c-2',
  status: 'cancelled',
  cancellationReason: 'out_of_stock',
  items: [{ sku: 'A', quantity: 5 }],
  payment: { id: 'p-3', status: 'voided' },
};

/** A run of three orders on product A (stock 3 → 1), everything as it should be. */
function consistentRun(): Observation {
  const ids = (order: ObservedOrder) => ({ orderId: order.id, customerId: order.customerId, paymentId: order.payment.id });
  return {
    initialStock: { A: 3 },
    stock: { A: 1 },
    orders: [confirmedOrder, declinedOrder, outOfStockOrder],
    payments: {
      'p-1': { id: 'p-1', orderId: 'o-1', status: 'captured' },
      'p-2': { id: 'p-2', orderId: 'o-2', status: 'declined' },
      'p-3': { id: 'p-3', orderId: 'o-3', status: 'voided' },
    },
    events: [
      event('order.placed', ids(confirmedOrder)),
      event('inventory.reserved', { orderId: 'o-1' }),
      event('payment.authorized', ids(confirmedOrder)),
      event('payment.captured', ids(confirmedOrder)),
      event('order.confirmed', ids(confirmedOrder)),
      event('order.placed', ids(declinedOrder)),
      event('inventory.reserved', { orderId: 'o-2' }),
      event('payment.declined', ids(declinedOrder)),
      event('inventory.released', { orderId: 'o-2' }),
      event('order.cancelled', { ...ids(declinedOrder), reason: 'payment_declined' }),
      event('order.placed', ids(outOfStockOrder)),
      event('payment.voided', ids(outOfStockOrder)),
      event('order.cancelled', { ...ids(outOfStockOrder), reason: 'out_of_stock' }),
      event('inventory.low_stock', { sku: 'A', stock: 1, threshold: 5 }),
    ],
    customerIds: ['c-1', 'c-2'],
  };
}

it('finds nothing wrong with a consistent run', () => {
  expect(invariantViolations(consistentRun())).toEqual(NO_VIOLATIONS);
});

it('reports an order that never settled', () => {
  expect(unsettledOrders([{ ...confirmedOrder, status: 'pending' }])).toEqual(['order o-1 ended pending, not confirmed or cancelled']);
});

describe('stock', () => {
  it('reports stock that neither the shelf nor a confirmed order accounts for', () => {
    expect(stockViolations({ ...consistentRun(), stock: { A: 0 } })).toEqual([
      'product A: stock 3 before, 0 now, 2 held by confirmed orders (1 unaccounted for)',
    ]);
  });

  it('reports stock given back twice, and stock below zero', () => {
    const run = consistentRun();
    expect(stockViolations({ ...run, stock: { A: 2 } })).toHaveLength(1);
    expect(stockViolations({ ...run, initialStock: { A: 1 }, stock: { A: -1 } })).toContain('product A has negative stock -1');
  });

  it('counts only confirmed orders as holding stock', () => {
    expect(stockViolations({ ...consistentRun(), stock: { A: 3 } })).toHaveLength(1);
  });
});

describe('payments', () => {
  it('reports a confirmed order whose payment was not captured', () => {
    const run = consistentRun();
    run.payments['p-1'] = { id: 'p-1', orderId: 'o-1', status: 'authorized' };
    expect(paymentViolations(run)).toEqual([
      'order o-1 shows its payment captured, the payment is authorized',
      'confirmed order o-1: its payment is authorized, not captured',
    ]);
  });

  it('reports a cancelled order whose payment is still captured, or settled other than its reason says', () => {
    const run = consistentRun();
    run.orders = [{ ...outOfStockOrder, payment: { id: 'p-3', status: 'captured' } }];
    run.payments['p-3'] = { id: 'p-3', orderId: 'o-3', status: 'captured' };
    expect(paymentViolations(run)).toEqual(['order o-3 cancelled out_of_stock: its payment is captured, not voided']);
  });

  it('reports an order showing another payment status than its payment has', () => {
    const run = consistentRun();
    run.orders = [{ ...declinedOrder, payment: { id: 'p-2', status: 'pending' } }];
    expect(paymentViolations(run)).toEqual(['order o-2 shows its payment pending, the payment is declined']);
  });

  it('reports a missing payment', () => {
    const run = consistentRun();
    delete run.payments['p-2'];
    expect(paymentViolations(run)).toEqual(['order o-2: its payment p-2 does not exist']);
  });
});

describe('events', () => {
  it('reports the same event id carried twice', () => {
    const run = consistentRun();
    run.events.push(run.events[3]!);
    expect(eventViolations(run)).toContain(`event id ${run.events[3]!.detail.id} (payment.captured) was carried more than once`);
  });

  it('reports a change published twice under different ids, and a payment captured twice', () => {
    const run = consistentRun();
    run.events.push(event('payment.captured', { orderId: 'o-1', paymentId: 'p-1' }));
    expect(eventViolations(run)).toEqual(
      expect.arrayContaining(['order o-1 has 2 payment.captured events under different ids', 'payment p-1 was captured 2 times']),
    );
  });

  it('reports a lost terminal event, and one that contradicts the final status', () => {
    const run = consistentRun();
    run.events = run.events.filter((candidate) => candidate['detail-type'] !== 'order.confirmed');
    run.events.push(event('order.cancelled', { orderId: 'o-1', reason: 'payment_declined' }));
    expect(eventViolations(run)).toEqual([
      'order o-1 (confirmed) has 0 order.confirmed event(s), expected 1',
      'order o-1 (confirmed) has 1 order.cancelled event(s), expected 0',
    ]);
  });

  it('reports a cancellation event with another reason than the order', () => {
    const run = consistentRun();
    run.orders = [{ ...declinedOrder, cancellationReason: 'payment_unavailable' }];
    expect(eventViolations(run)).toContain('order o-2 is cancelled payment_unavailable, its order.cancelled event says payment_declined');
  });

  it('reports stock moves and payment outcomes that were never announced', () => {
    const run = consistentRun();
    run.events = run.events.filter((candidate) => !['inventory.released', 'payment.voided'].includes(candidate['detail-type']));
    expect(eventViolations(run)).toEqual([
      'order o-2 (cancelled) has 0 inventory.released event(s), expected 1',
      'order o-3 (its payment is voided) has 0 payment.voided event(s), expected 1',
    ]);
  });

  it('reports an order placed on the bus that the API does not list', () => {
    const run = consistentRun();
    run.events.push(event('order.placed', { orderId: 'o-lost', customerId: 'c-2' }));
    run.events.push(event('order.placed', { orderId: 'o-someone-else', customerId: 'c-other' }));
    expect(eventViolations(run)).toEqual(['order o-lost of customer c-2 was placed on the bus but the API does not list it']);
  });
});
