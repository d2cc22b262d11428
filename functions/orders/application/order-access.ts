import type { Caller } from '../../shared/http/caller';
import type { Order } from '../domain/order';
import type { StoredOrder } from '../domain/ports';
import { orderRepository } from '../adapters/order-repository';
import { OrderNotFoundError } from './application-errors';

/** Customers see only their own orders; admins see every order. */
export const mayAccess = (caller: Caller, order: Order): boolean => caller.isAdmin || order.customerId === caller.customerId;

/** The order, if the caller may see it; otherwise exactly the answer a missing order gets (404, never 403). */
export async function findAccessibleOrder(caller: Caller, orderId: string): Promise<StoredOrder> {
  const stored = await orderRepository.find(orderId);
  if (!stored || !mayAccess(caller, stored.order)) throw new OrderNotFoundError(orderId);
  return stored;
}
