import { InvalidTransitionError } from './order-errors';
import type { Order } from './order';
import type { CancellationReason, OrderStatus } from './order-status';

/**
 * The order state machine: pending → confirmed → shipped → delivered, and pending | confirmed →
 * cancelled. Every other move is refused. One table, so the saga, the cancel route and the admin
 * route all obey the same rules.
 */
const ALLOWED_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The moves an admin makes by hand (updateOrderStatus); the others belong to the saga or to cancel. */
const FULFILMENT_TARGETS: readonly OrderStatus[] = ['shipped', 'delivered'];

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => ALLOWED_MOVES[from].includes(to);

/** What a transition changes; the repository applies it only if the order is still as it was read. */
export interface OrderChange {
  from: OrderStatus;
  status: OrderStatus;
  cancellationReason?: CancellationReason;
  updatedAt: string;
}

function move(order: Order, to: OrderStatus, now: Date, extra: Partial<OrderChange> = {}): OrderChange {
  if (!canMove(order.status, to)) throw new InvalidTransitionError(order.status, to);
  return { from: order.status, status: to, updatedAt: now.toISOString(), ...extra };
}

/**
 * Cancels a pending or confirmed order. The compensation (releasing stock, voiding or refunding the
 * payment) is the saga's; this is only the state change it ends with.
 */
export function cancelOrder(order: Order, reason: CancellationReason, now: Date): OrderChange {
  return move(order, 'cancelled', now, { cancellationReason: reason });
}

/** The saga's happy ending: a pending order whose stock is reserved and payment captured. */
export function confirmOrder(order: Order, now: Date): OrderChange {
  return move(order, 'confirmed', now);
}

/** An admin marks a confirmed order shipped, or a shipped one delivered. */
export function advanceFulfilment(order: Order, to: OrderStatus, now: Date): OrderChange {
  if (!FULFILMENT_TARGETS.includes(to)) throw new InvalidTransitionError(order.status, to);
  return move(order, to, now);
}

/** The order after a change, as the API shows it. */
export function applyChange(order: Order, change: OrderChange): Order {
  const next: Order = { ...order, status: change.status, updatedAt: change.updatedAt };
  if (change.cancellationReason) next.cancellationReason = change.cancellationReason;
  return next;
}
