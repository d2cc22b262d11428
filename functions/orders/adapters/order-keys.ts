import type { OrderStatus } from '../domain/order-status';

/**
 * Every key the orders context writes, in one place (docs/data-model.md is the map). Ids and
 * Idempotency-Keys never contain `#`, so each key reads back unambiguously.
 */
export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });

export const paymentKey = (paymentId: string) => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' });

export const productKey = (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT' });

/** The placement request behind an order: the customer's Idempotency-Key, kept as long as the idempotency record. */
export const placementRequestKey = (customerId: string, idempotencyKey: string) => ({
  pk: `ORDER_REQUEST#${customerId}#${idempotencyKey}`,
  sk: 'ORDER_REQUEST',
});

/** gsi1: a customer's orders, newest first (the sort key starts with the creation time). */
export const customerOrdersIndex = {
  name: 'gsi1',
  partitionKey: (customerId: string) => `CUSTOMER#${customerId}`,
  sortKey: (createdAt: string, orderId: string) => `ORDER#${createdAt}#${orderId}`,
} as const;

/** gsi2: every customer's orders in one status, newest first (admin listings, the stranded-order reconciler). */
export const ordersByStatusIndex = {
  name: 'gsi2',
  partitionKey: (status: OrderStatus) => `ORDER_STATUS#${status}`,
  sortKey: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
} as const;
