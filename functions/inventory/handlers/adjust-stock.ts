import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf, requireAdmin } from '#shared/http/caller';
import { conflict, notFound } from '#shared/http/problem';
import { parseJsonBody, parseParameter } from '#shared/http/request-validation';
import { inventoryAdapters } from '../adapters/inventory-adapters';
import { adjustStock } from '../application/catalog';
import type { InventoryPorts } from '../domain/ports';
import { MAX_STOCK, productEntityTag, skuSchema } from '../domain/product';
import { stockAdjustmentSchema } from '../domain/stock-adjustment';

/** adjustStock (admin): 200 with the product as it is after the change, and its new ETag. */
export function adjustStockHandler(ports: InventoryPorts) {
  return apiHandler(async (event) => {
    requireAdmin(callerOf(event));
    const sku = parseParameter(skuSchema, 'sku', event.pathParameters?.sku);
    const { delta } = parseJsonBody(stockAdjustmentSchema, event.body, event.isBase64Encoded);
    const outcome = await adjustStock(ports, sku, delta);
    switch (outcome.kind) {
      case 'adjusted':
        return jsonResponse(200, outcome.product.product, { etag: productEntityTag(outcome.product.version) });
      case 'unknown-product':
        throw notFound(`No product with sku ${sku}.`);
      case 'out-of-range':
        throw conflict(
          delta < 0
            ? `Stock of ${sku} is ${outcome.stock}: removing ${-delta} would take it below 0.`
            : `Stock of ${sku} is ${outcome.stock}: adding ${delta} would take it above ${MAX_STOCK}.`,
        );
    }
  });
}

export const handler = adjustStockHandler(inventoryAdapters());
