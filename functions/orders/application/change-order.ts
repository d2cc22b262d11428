import type { Caller } from '#shared/http/caller';
import type { Order } from '../domain/order';
import { advanceFulfilment, cancelOrder, type OrderChange } from '../domain/order-lifecycle';
import type { OrderStatus } from '../domain/order-status';
import type { OrderRepository } from '../domain/ports';
import { ConcurrentOrderChangeError, OrderNotFoundError } from './application-errors';
import { findAccessibleOrder } from './order-access';

/**
 * A lost optimistic-concurrency race is decided again against the order as it now is: a write that
 * changed something else (the saga updating the payment) does not fail a still-allowed move, while
 * a move the winner made impossible (two cancels) fails with the lifecycle's 409.
 */
const MAX_ATTEMPTS = 3;

type Decision = (order: Order, now: Date) => OrderChange;

async function changeOrder(orders: OrderRepository, caller: Caller, orderId: string, decide: Decision): Promise<Order> {
  let stored = await findAccessibleOrder(orders, caller, orderId);
  for (let attempt = 1; ; attempt++) {
    const change = decide(stored.order, new Date());
    const outcome = await orders.applyChange(orderId, stored.version, change);
    if (outcome.kind === 'applied') return outcome.order;
    if (outcome.kind === 'not-found') throw new OrderNotFoundError(orderId);
    if (attempt >= MAX_ATTEMPTS) throw new ConcurrentOrderChangeError(orderId);
    stored = outcome.current;
  }
}

/**
 * Cancels on behalf of the customer (or an admin): the state change only, which decides the race
 * with the saga's confirm. The compensation (release stock, void or refund) follows from the
 * committed change through the table's stream (functions/saga, docs/saga.md "Cancel").
 */
export const cancelOrderFor = (orders: OrderRepository, caller: Caller, orderId: string): Promise<Order> =>
  changeOrder(orders, caller, orderId, (order, now) => cancelOrder(order, 'customer_cancelled', now));

/** Admin fulfilment: confirmed → shipped, shipped → delivered. */
export const advanceOrderFulfilment = (orders: OrderRepository, caller: Caller, orderId: string, to: OrderStatus): Promise<Order> =>
  changeOrder(orders, caller, orderId, (order, now) => advanceFulfilment(order, to, now));
