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
 * Who asked for a placement, with which key and body: the placement's one idempotency record, written
 * first, so that a replay of the key finds its order, another body is refused, and a request that
 * arrives while the first is still writing is told to come back.
 */
export interface PlacementRequest {
  customerId: string;
  idempotencyKey: string;
  fingerprint: string;
  /**
   * Until when (epoch ms) the placement may still be writing its order: the invocation's deadline.
   * A request found without its order after that belongs to a placement that died half-way, and a
   * retry with the same key and body takes it over.
   */
  inProgressUntil: number;
}

export interface OrderPlacement {
  order: Order;
  payment: NewPayment;
  request: PlacementRequest;
  /** The HTTP request's correlation id, handed to the saga with the order. */
  correlationId: string;
}

export type PlacementOutcome =
  | { kind: 'created' }
  /** The key was used already: by the same body (`fingerprint`) its order is the answer, by another it is refused. */
  | { kind: 'already-placed'; orderId: string; fingerprint: string }
  /** The first request with this key is still writing its order. */
  | { kind: 'in-progress' };

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
  /**
   * Places the order once per customer and Idempotency-Key: the placement request first (the key's
   * record), then the payment, then the order, which is the commit point (its saga starts from it).
   * A failure half-way takes the request back, so that the key can be used again.
   */
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
