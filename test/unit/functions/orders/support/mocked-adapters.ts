import { catalogReader } from '../../../../../functions/orders/adapters/catalog-reader';
import { orderIdempotencyStore } from '../../../../../functions/orders/adapters/order-idempotency-store';
import { orderRepository } from '../../../../../functions/orders/adapters/order-repository';
import type { InMemoryCatalog } from './in-memory-catalog';
import type { InMemoryIdempotencyStore } from './in-memory-idempotency-store';
import type { InMemoryOrderRepository } from './in-memory-order-repository';
import { catalogProducts } from './order-fixtures';

/**
 * The in-memory adapters a test file installed with installInMemoryAdapters (see its jest.mock
 * calls), reset to a known catalog and empty stores.
 */
export function inMemoryAdapters() {
  const adapters = {
    repository: orderRepository as InMemoryOrderRepository,
    catalog: catalogReader as InMemoryCatalog,
    idempotency: orderIdempotencyStore as InMemoryIdempotencyStore,
  };
  adapters.repository.reset();
  adapters.idempotency.reset();
  adapters.catalog.products.clear();
  adapters.catalog.set(...catalogProducts);
  return adapters;
}
