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

/**
 * gsi3 (sparse): orders waiting for the saga's repair jobs, oldest attempt first, and only while they
 * wait (the key is removed once handled, so the jobs never read what is done):
 * - `ORDER_SETTLEMENT_DUE`: a cancelled order whose payment is not settled or whose stock is not
 *   released yet. Every cancel writes it, the compensation removes it when both are done; the sort
 *   key starts with the time of the cancel or of the last attempt to settle.
 * - `ORDER_SAGA_PARKED`: a pending order whose saga was given up, for a person (the sort key starts
 *   with when it was parked). Its confirm or cancel removes (or replaces) it.
 */
export const ordersAwaitingRepairIndex = {
  name: 'gsi3',
  settlementDue: 'ORDER_SETTLEMENT_DUE',
  sagaParked: 'ORDER_SAGA_PARKED',
  sortKey: (at: string, orderId: string) => `${at}#${orderId}`,
} as const;
