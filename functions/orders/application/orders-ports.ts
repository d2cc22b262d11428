import type { CatalogReader, OrderRepository } from '../domain/ports';

/**
 * What the orders use cases need: the handlers give them the DynamoDB adapters
 * (adapters/orders-adapters.ts), tests in-memory ones.
 */
export interface OrdersPorts {
  orders: OrderRepository;
  catalog: CatalogReader;
}
