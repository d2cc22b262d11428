import type { Caller } from '#shared/http/caller';
import type { Order } from '../domain/order';
import type { OrderRepository, StoredOrder } from '../domain/ports';
import { OrderNotFoundError } from './application-errors';

/** Customers see only their own orders; admins see every order. */
export const mayAccess = (caller: Caller, order: Order): boolean => caller.isAdmin || order.customerId === caller.customerId;

/** The order, if the caller may see it; otherwise exactly the answer a missing order gets (404, never 403). */
export async function findAccessibleOrder(orders: OrderRepository, caller: Caller, orderId: string): Promise<StoredOrder> {
  const stored = await orders.find(orderId);
  if (!stored || !mayAccess(caller, stored.order)) throw new OrderNotFoundError(orderId);
  return stored;
}
