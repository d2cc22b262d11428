import { z } from 'zod';
import { API_BASE_PATH } from '../../lib/wiring/routes';
import type { ResponseContract, RouteContract } from '../shared/http/route-contract';
import { productInputSchema, productSchema, skuSchema } from './domain/product';
import { listProductsQuerySchema, productPageSchema } from './domain/product-listing';
import { stockAdjustmentSchema } from './domain/stock-adjustment';

/** The catalog's routes. Only schemas here: importing this file opens no client and reads no table name. */

const skuPath = z.object({ sku: skuSchema });

const invalid = (what: string): ResponseContract => ({ description: `Invalid ${what} (the problem lists every invalid field)` });
const adminOnly: ResponseContract = { description: 'The token lacks the `admin` group' };
const unknownSku: ResponseContract = { description: 'No product has this sku' };

export const inventoryContract: RouteContract[] = [
  {
    method: 'GET',
    path: `${API_BASE_PATH}/products`,
    operationId: 'listProducts',
    description: 'The catalog in sku order, a page at a time. Follow `nextCursor` until it is absent; a cursor is opaque and signed (an edited one is a 400).',
    query: listProductsQuerySchema,
    responses: {
      200: { description: 'A page of products', schema: productPageSchema },
      400: invalid('`limit` or `cursor`'),
    },
  },
  {
    method: 'GET',
    path: `${API_BASE_PATH}/products/{sku}`,
    operationId: 'getProduct',
    pathParameters: skuPath,
    responses: {
      200: { description: 'The product', schema: productSchema },
      400: invalid('sku'),
      404: unknownSku,
    },
  },
  {
    method: 'PUT',
    path: `${API_BASE_PATH}/products/{sku}`,
    operationId: 'putProduct',
    description: 'Creates the product, or replaces its name, price, currency and stock. Prices are integers in minor units.',
    pathParameters: skuPath,
    body: productInputSchema,
    responses: {
      200: { description: 'The product existed and was replaced', schema: productSchema },
      201: { description: 'The product was created', schema: productSchema },
      400: invalid('sku or body'),
      403: adminOnly,
    },
  },
  {
    method: 'POST',
    path: `${API_BASE_PATH}/products/{sku}/stock-adjustments`,
    operationId: 'adjustStock',
    description: 'Adds `delta` to the stock atomically (concurrent adjustments never lose one another). Stock never goes below 0: a delta that would is refused with 409 and changes nothing.',
    pathParameters: skuPath,
    body: stockAdjustmentSchema,
    responses: {
      200: { description: 'The product with its new stock', schema: productSchema },
      400: invalid('sku or body'),
      403: adminOnly,
      404: unknownSku,
      409: { description: 'The change would take stock below 0 (or above the maximum); nothing changed' },
    },
  },
];
