import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { CatalogReader, OrderRepository } from '../domain/ports';

/**
 * What the orders use cases need: the handlers give them the DynamoDB adapters
 * (adapters/orders-adapters.ts), tests in-memory ones. The idempotency store is Powertools'
 * persistence layer, which its idempotency utility drives.
 */
export interface OrdersPorts {
  orders: OrderRepository;
  catalog: CatalogReader;
  idempotencyStore: BasePersistenceLayer;
}
