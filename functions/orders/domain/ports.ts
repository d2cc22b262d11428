import type { Order } from './order';
import type { OrderChange } from './order-lifecycle';
import type { NewPayment } from './order-placement';
import type { OrderStatus } from './order-status';
import type { CatalogPrice } from './pricing';

/** An order with the version its optimistic concurrency checks compare. */
export interface StoredOrder {
  order: Order;
  version: number;
}

/**
 * Who asked for a placement, with which key and body: stored with the order so a placement retried
 * after its idempotency record was lost (the function died after writing) finds its order again.
 */
export interface PlacementRequest {
  customerId: string;
  idempotencyKey: string;
  fingerprint: string;
}

export interface OrderPlacement {
  order: Order;
  payment: NewPayment;
  request: PlacementRequest;
  /** The HTTP request's correlation id, handed to the saga with the order. */
  correlationId: string;
}

export type PlacementOutcome = { kind: 'created' } | { kind: 'already-placed'; orderId: string; fingerprint: string };

/** Which orders to list, newest first; `after` is the position a previous page ended at. */
export interface OrderListing {
  /** One customer's orders; absent: every customer's (admins). */
  customerId?: string;
  status?: OrderStatus;
  after?: string;
  limit: number;
}

export interface OrderPage {
  orders: Order[];
  /** Where the next page starts; absent on the last page. */
  nextPosition?: string;
}

export type ChangeOutcome = { kind: 'applied'; order: Order } | { kind: 'not-found' } | { kind: 'stale'; current: StoredOrder };

/** Where orders live. The DynamoDB adapter implements it; tests use an in-memory one. */
export interface OrderRepository {
  /** Writes the order, its payment and its placement request at once, or nothing. */
  place(placement: OrderPlacement): Promise<PlacementOutcome>;
  find(orderId: string): Promise<StoredOrder | undefined>;
  list(listing: OrderListing): Promise<OrderPage>;
  /** Applies a change only if the order is still at `expectedVersion` and in `change.from`. */
  applyChange(orderId: string, expectedVersion: number, change: OrderChange): Promise<ChangeOutcome>;
}

/** The catalog's current prices, by sku; unknown skus are absent from the map. */
export interface CatalogReader {
  pricesOf(skus: readonly string[]): Promise<Map<string, CatalogPrice>>;
}
