import * as z from 'zod';
import { contextApi } from '#contracts/wiring-declarations';
import { entityTagListSchema } from '#contracts/api/entity-tag-list-schema';
import type { ResponseContract } from '#contracts/api/route-contract';
import { productInputSchema, productSchema, skuSchema } from './domain/product';
import { listProductsQuerySchema, productPageSchema } from './domain/product-listing';
import { stockAdjustmentSchema } from './domain/stock-adjustment';

/**
 * The catalog's routes, each declared once (path, auth, contract, function). Only schemas here:
 * importing this file opens no client and reads no table name.
 */

const skuPath = z.object({ sku: skuSchema });

const productTag = { ETag: "The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product" };
const ifNoneMatch = entityTagListSchema.optional().describe('The `ETag` of a copy you hold: if it is still current, the answer is 304 without a body');

const invalid = (what: string): ResponseContract => ({ description: `Invalid ${what} (the problem lists every invalid field)` });
const adminOnly: ResponseContract = { description: 'The token lacks the `admin` group' };
const unknownSku: ResponseContract = { description: 'No product has this sku' };

export const inventoryApi = contextApi('inventory', [
  {
    method: 'GET',
    path: '/products',
    auth: 'user',
    summary: 'List the catalog',
    function: { access: { table: 'read', signsCursors: true } },
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
    path: '/products/{sku}',
    auth: 'user',
    summary: 'Get a product',
    function: { access: { table: 'read' } },
    operationId: 'getProduct',
    pathParameters: skuPath,
    headers: z.object({ 'if-none-match': ifNoneMatch }),
    responses: {
      200: { description: 'The product', schema: productSchema, headers: productTag },
      304: { description: 'Not modified: `If-None-Match` names the current `ETag`', headers: productTag },
      400: invalid('sku or `If-None-Match`'),
      404: unknownSku,
    },
  },
  {
    method: 'PUT',
    path: '/products/{sku}',
    auth: 'admin',
    summary: 'Create or replace a product',
    function: { access: { table: 'readWrite' }, purpose: 'create or replace a catalog product' },
    operationId: 'putProduct',
    description:
      'Creates the product (`If-None-Match: *`), or replaces its name, price, currency and stock (`If-Match: <ETag>` from your last read, so that ' +
      'a save based on a stale read cannot put back stock that orders have taken since: it is refused with 412 and changes nothing). ' +
      'A PUT with neither header is 428. Prices are integers in minor units.',
    pathParameters: skuPath,
    headers: z.object({
      'if-match': entityTagListSchema.optional().describe('Replace: the `ETag` of the product as you read it (`*`: whatever is there)'),
      'if-none-match': z.literal('*').optional().describe('Create: `*`, only if no product has this sku yet'),
    }),
    body: productInputSchema,
    responses: {
      200: { description: 'The product existed and was replaced', schema: productSchema, headers: productTag },
      201: { description: 'The product was created', schema: productSchema, headers: productTag },
      400: invalid('sku, body or precondition header'),
      403: adminOnly,
      412: {
        description:
          'The precondition does not hold: `If-Match` names a version that is no longer current (or the product does not exist), or `If-None-Match: *` and the product exists. Nothing changed.',
      },
      409: {
        description:
          'Another request (an order reserving stock) was changing the product at the same moment; nothing changed. Send it again after `Retry-After` seconds',
        headers: { 'Retry-After': 'Seconds to wait before sending it again' },
      },
      428: { description: 'Neither `If-Match` nor `If-None-Match: *` was sent' },
    },
  },
  {
    method: 'POST',
    path: '/products/{sku}/stock-adjustments',
    auth: 'admin',
    summary: 'Adjust stock by a delta',
    function: { access: { table: 'readWrite' } },
    operationId: 'adjustStock',
    description:
      'Adds `delta` to the stock atomically (concurrent adjustments never lose one another). Stock never goes below 0: a delta that would is refused with 409 and changes nothing.',
    pathParameters: skuPath,
    body: stockAdjustmentSchema,
    responses: {
      200: { description: 'The product with its new stock', schema: productSchema, headers: productTag },
      400: invalid('sku or body'),
      403: adminOnly,
      404: unknownSku,
      409: {
        description:
          'The change would take stock below 0 (or above the maximum), or, with `Retry-After`, another request (an order reserving stock) was changing the product at the same moment; nothing changed',
        headers: {
          'Retry-After': { description: 'Only when another request was changing the product: seconds to wait before sending it again', required: false },
        },
      },
    },
  },
]);
