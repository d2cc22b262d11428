import type { Order } from '#orders/domain/order';
import type { OrderChange } from '#orders/domain/order-lifecycle';
import { applyChange } from '#orders/domain/order-lifecycle';
import type { ChangeOutcome, OrderListing, OrderPage, OrderPlacement, OrderRepository, PlacementOutcome, StoredOrder } from '#orders/domain/ports';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const positionOf = (order: Order) => `${order.createdAt}#${order.id}`;

/**
 * The OrderRepository contract in memory, for handler unit tests: the placement request claims the
 * key first (a request without its order is in progress until its `inProgressUntil`, then taken over),
 * then the payment and the order; a failure in between frees the key. Versioned conditional changes,
 * newest-first listings with positions. The DynamoDB adapter is held to the same behaviour by the
 * integration tests.
 */
export class InMemoryOrderRepository implements OrderRepository {
  readonly orders = new Map<string, StoredOrder & { correlationId: string }>();
  readonly payments = new Map<string, OrderPlacement['payment']>();
  readonly placementRequests = new Map<string, { orderId: string; fingerprint: string; inProgressUntil: number }>();
  /** Runs between claiming the key and writing the order: lets a test hold a placement in flight or make it fail. */
  beforePlace: (placement: OrderPlacement) => Promise<void> = async () => undefined;

  reset(): void {
    this.orders.clear();
    this.payments.clear();
    this.placementRequests.clear();
    this.beforePlace = async () => undefined;
  }

  /** Arranges an order in any status, as if the saga (or earlier requests) had moved it there. */
  seed(order: Order, version = 1): void {
    this.orders.set(order.id, { order: copy(order), version, correlationId: 'seed' });
  }

  async place(placement: OrderPlacement): Promise<PlacementOutcome> {
    const requestKey = `${placement.request.customerId}#${placement.request.idempotencyKey}`;
    const existing = this.placementRequests.get(requestKey);
    if (existing) {
      if (existing.fingerprint !== placement.request.fingerprint || this.orders.has(existing.orderId)) return { kind: 'already-placed', ...existing };
      if (existing.inProgressUntil > Date.now()) return { kind: 'in-progress' };
    }
    const claim = { orderId: placement.order.id, fingerprint: placement.request.fingerprint, inProgressUntil: placement.request.inProgressUntil };
    this.placementRequests.set(requestKey, claim);
    try {
      await this.beforePlace(placement);
    } catch (error) {
      if (this.placementRequests.get(requestKey) === claim) this.placementRequests.delete(requestKey);
      throw error;
    }
    this.payments.set(placement.payment.id, copy(placement.payment));
    this.orders.set(placement.order.id, { order: copy(placement.order), version: 1, correlationId: placement.correlationId });
    return { kind: 'created' };
  }

  async find(orderId: string): Promise<StoredOrder | undefined> {
    const stored = this.orders.get(orderId);
    return stored && { order: copy(stored.order), version: stored.version };
  }

  async list(listing: OrderListing): Promise<OrderPage> {
    const matching = [...this.orders.values()]
      .map(({ order }) => order)
      .filter((order) => listing.customerId === undefined || order.customerId === listing.customerId)
      .filter((order) => listing.status === undefined || order.status === listing.status)
      .filter((order) => listing.after === undefined || positionOf(order) < listing.after)
      .sort((a, b) => (positionOf(a) < positionOf(b) ? 1 : -1));
    const page = matching.slice(0, listing.limit);
    return { orders: copy(page), nextPosition: matching.length > listing.limit ? positionOf(page[page.length - 1]!) : undefined };
  }

  async applyChange(orderId: string, expectedVersion: number, change: OrderChange): Promise<ChangeOutcome> {
    const stored = this.orders.get(orderId);
    if (!stored) return { kind: 'not-found' };
    if (stored.version !== expectedVersion || stored.order.status !== change.from)
      return { kind: 'stale', current: { order: copy(stored.order), version: stored.version } };
    stored.order = applyChange(stored.order, change);
    stored.version += 1;
    return { kind: 'applied', order: copy(stored.order) };
  }
}
