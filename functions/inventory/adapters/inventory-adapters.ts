import type { InventoryPorts } from '../domain/ports';
import { dynamoDbProductRepository } from './product-repository';

/** The inventory context's adapters: what its handlers pass to the use cases. */
export function inventoryAdapters(): InventoryPorts {
  return { products: dynamoDbProductRepository() };
}
