import { documentClient, tableName } from '#shared/aws/document-client';
import type { OrdersPorts } from '../application/orders-ports';
import { DynamoDbCatalogReader } from './catalog-reader';
import { DynamoDbOrderRepository } from './order-repository';

/** The adapters createOrder passes to the placement: the stage's table through the sandbox's one client. */
export function orderPlacementAdapters(): OrdersPorts {
  return {
    orders: new DynamoDbOrderRepository(documentClient, tableName),
    catalog: new DynamoDbCatalogReader(documentClient, tableName),
  };
}
