import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { parseParameter } from '#shared/http/request-validation';
import { inventoryAdapters } from '../adapters/inventory-adapters';
import { listCatalog } from '../application/list-catalog';
import type { InventoryPorts } from '../domain/ports';
import { listProductsQuerySchema } from '../domain/product-listing';

const { limit: limitSchema, cursor: cursorSchema } = listProductsQuerySchema.shape;

/** listProducts: the catalog in sku order, one page at a time. */
export function listProductsHandler(ports: InventoryPorts) {
  return apiHandler(async (event) => {
    callerOf(event);
    const query = event.queryStringParameters ?? {};
    const limit = parseParameter(limitSchema, 'limit', query.limit);
    const cursor = parseParameter(cursorSchema, 'cursor', query.cursor);
    return jsonResponse(200, await listCatalog(ports, limit, cursor));
  });
}

export const handler = listProductsHandler(inventoryAdapters());
