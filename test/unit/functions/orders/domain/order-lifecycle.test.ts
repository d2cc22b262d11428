import { InvalidTransitionError } from '#orders/domain/order-errors';
import { advanceFulfilment, applyChange, canMove, cancelOrder, confirmOrder } from '#orders/domain/order-lifecycle';
import { ORDER_STATUSES, type OrderStatus } from '#orders/domain/order-status';
import { anOrder } from '../support/order-fixtures';

const now = new Date('2026-02-01T10:00:00.000Z');
const allowed = new Set(['pending>confirmed', 'pending>cancelled', 'confirmed>shipped', 'confirmed>cancelled', 'shipped>delivered']);
const everyPair = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));

describe('order lifecycle', () => {
  it.each(everyPair)('%s → %s is allowed only where the state machine says', (from, to) => {
    expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it.each([['pending'], ['confirmed']] as [OrderStatus][])('cancels a %s order with a reason', (status) => {
    const order = anOrder({ status });
    const change = cancelOrder(order, 'customer_cancelled', now);
    expect(change).toEqual({ from: status, status: 'cancelled', cancellationReason: 'customer_cancelled', updatedAt: now.toISOString() });
    expect(applyChange(order, change)).toEqual({ ...order, status: 'cancelled', cancellationReason: 'customer_cancelled', updatedAt: now.toISOString() });
  });

  it.each([['shipped'], ['delivered'], ['cancelled']] as [OrderStatus][])('refuses to cancel a %s order', (status) => {
    expect(() => cancelOrder(anOrder({ status }), 'customer_cancelled', now)).toThrow(new InvalidTransitionError(status, 'cancelled'));
  });

  it('confirms only a pending order', () => {
    expect(confirmOrder(anOrder({ status: 'pending' }), now).status).toBe('confirmed');
    expect(() => confirmOrder(anOrder({ status: 'cancelled' }), now)).toThrow(InvalidTransitionError);
  });

  it.each(everyPair)('an admin moves %s → %s only for shipping and delivery', (from, to) => {
    const expected = (from === 'confirmed' && to === 'shipped') || (from === 'shipped' && to === 'delivered');
    const attempt = () => advanceFulfilment(anOrder({ status: from }), to, now);
    if (expected) expect(attempt()).toEqual({ from, status: to, updatedAt: now.toISOString() });
    else expect(attempt).toThrow(InvalidTransitionError);
  });
});
