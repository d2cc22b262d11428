import type { OrdersPorts } from '#orders/application/orders-ports';
import { InMemoryCatalog } from './in-memory-catalog';
import { InMemoryOrderRepository } from './in-memory-order-repository';
import { catalogProducts } from './order-fixtures';

/** The orders context's ports in memory, for handlers built on them (createOrderHandler(…)). */
export function inMemoryAdapters() {
  const adapters = { repository: new InMemoryOrderRepository(), catalog: new InMemoryCatalog() };
  const ports: OrdersPorts = { orders: adapters.repository, catalog: adapters.catalog };
  return { ...adapters, ports };
}

/** Back to a known catalog and empty stores, between tests. */
export function resetAdapters(adapters: ReturnType<typeof inMemoryAdapters>): void {
  adapters.repository.reset();
  adapters.catalog.products.clear();
  adapters.catalog.set(...catalogProducts);
}
