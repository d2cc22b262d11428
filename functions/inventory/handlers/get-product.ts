import { apiHandler } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { conditionalRead } from '#shared/http/conditional-requests';
import { notFound } from '#shared/http/problem';
import { parseParameter } from '#shared/http/request-validation';
import { inventoryAdapters } from '../adapters/inventory-adapters';
import { findProduct } from '../application/catalog';
import type { InventoryPorts } from '../domain/ports';
import { productEntityTag, skuSchema } from '../domain/product';

/** getProduct: the product with its ETag (the version a PUT's If-Match names); 304 when If-None-Match holds it. */
export function getProductHandler(ports: InventoryPorts) {
  return apiHandler(async (event) => {
    callerOf(event);
    const sku = parseParameter(skuSchema, 'sku', event.pathParameters?.sku);
    const stored = await findProduct(ports, sku);
    if (!stored) throw notFound(`No product with sku ${sku}.`);
    return conditionalRead(event, productEntityTag(stored.version), stored.product);
  });
}

export const handler = getProductHandler(inventoryAdapters());
