import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { OrdersPorts } from '../application/orders-ports';
import { DynamoDbCatalogReader } from './catalog-reader';
import { orderIdempotencyStore } from './order-idempotency-store';
import { DynamoDbOrderRepository } from './order-repository';

/**
 * The adapters createOrder passes to the placement: the stage's table through the sandbox's one
 * client. The idempotency store is made when first used, as the others read the table's name: a
 * module that only builds the handler can be imported without the table. (The other handlers need
 * the repository only and build it themselves: their bundles stay free of the idempotency utility.)
 */
export function orderPlacementAdapters(): OrdersPorts {
  let idempotencyStore: BasePersistenceLayer | undefined;
  return {
    orders: new DynamoDbOrderRepository(documentClient, tableName),
    catalog: new DynamoDbCatalogReader(documentClient, tableName),
    get idempotencyStore() {
      idempotencyStore ??= orderIdempotencyStore(tableName());
      return idempotencyStore;
    },
  };
}
