import type { Order } from '../domain/order';
import type { StoredOrder } from '../domain/ports';
import { ITEM_ENTITY } from '#contracts/table-design';
import { customerOrdersIndex, orderKey, ordersByStatusIndex } from './order-keys';

/**
 * The order as a table item: the Order's own attributes, its keys, `version` for optimistic
 * concurrency, and the correlation id of the request that placed it (for the saga and its events).
 */
export function orderItem(order: Order, version: number, correlationId: string): Record<string, unknown> {
  return {
    ...orderKey(order.id),
    entity: ITEM_ENTITY.order,
    gsi1pk: customerOrdersIndex.partitionKey(order.customerId),
    gsi1sk: customerOrdersIndex.sortKey(order.createdAt, order.id),
    gsi2pk: ordersByStatusIndex.partitionKey(order.status),
    gsi2sk: ordersByStatusIndex.sortKey(order.createdAt, order.id),
    ...order,
    version,
    correlationId,
  };
}

/** The Order an item holds, without keys or bookkeeping: nothing internal reaches a response. */
export function orderFromItem(item: Record<string, unknown>): Order {
  const { id, customerId, status, items, totalAmount, currency, shippingAddress, contact, payment, cancellationReason, createdAt, updatedAt } =
    item as unknown as Order;
  const order: Order = { id, customerId, status, items, totalAmount, currency, shippingAddress, payment, createdAt, updatedAt };
  if (contact) order.contact = contact;
  if (cancellationReason) order.cancellationReason = cancellationReason;
  return order;
}

export function storedOrderFromItem(item: Record<string, unknown>): StoredOrder {
  return { order: orderFromItem(item), version: Number(item.version) };
}
