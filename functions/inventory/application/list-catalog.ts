import { decodeCursor, encodeCursor } from '#shared/http/cursor';
import { badRequest } from '#shared/http/problem';
import type { CatalogPage, InventoryPorts } from '../domain/ports';
import type { Product } from '../domain/product';
import { CATALOG_CURSOR_SCOPE, catalogPositionSchema } from '../domain/product-listing';

/** Where the page a cursor continues from starts; a cursor that is signed but holds no position is as bad as a forged one. */
async function positionOf(cursor: string | undefined): Promise<string | undefined> {
  if (cursor === undefined) return undefined;
  const position = catalogPositionSchema.safeParse(await decodeCursor(cursor, CATALOG_CURSOR_SCOPE));
  if (!position.success) throw badRequest('The cursor is invalid.', [{ path: 'cursor', message: 'not a cursor this listing issued' }]);
  return position.data.afterSku;
}

/** The catalog in sku order, one page at a time, with a signed cursor to the next page when one follows. */
export async function listCatalog({ products }: InventoryPorts, limit: number, cursor?: string): Promise<{ items: Product[]; nextCursor?: string }> {
  const page: CatalogPage = await products.list(limit, await positionOf(cursor));
  const nextCursor = page.lastSku ? await encodeCursor({ afterSku: page.lastSku }, CATALOG_CURSOR_SCOPE) : undefined;
  return { items: page.items, ...(nextCursor ? { nextCursor } : {}) };
}
