import * as z from 'zod';
import { cursorSchema } from '#contracts/api/cursor-format';
import { productSchema, skuSchema } from './product';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Query of listProducts. Unknown query parameters are ignored, as a cache-busting `?_=` would be. */
export const listProductsQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  cursor: cursorSchema.optional().describe('`nextCursor` of the previous page, as given'),
});

/** One page of the catalog, ordered by sku. */
export const productPageSchema = z
  .strictObject({
    items: z.array(productSchema).max(MAX_PAGE_SIZE),
    nextCursor: cursorSchema.optional().describe('Present when more products follow: pass it as `?cursor=`'),
  })
  .meta({ id: 'ProductPage', description: 'A page of the catalog, ordered by sku.' });

/** Where a page ends: the last sku it held. Signed into the cursor, checked again when it comes back. */
export const catalogPositionSchema = z.strictObject({ afterSku: skuSchema });
export type CatalogPosition = z.infer<typeof catalogPositionSchema>;

/** The cursor scope: a catalog cursor is good for the catalog listing only. */
export const CATALOG_CURSOR_SCOPE = 'inventory:products';
