import { apiHandler, jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { badRequest } from '../../shared/http/problem';
import { parseParameter } from '../../shared/http/request-validation';
import { listProducts } from '../adapters/product-repository';
import { CATALOG_CURSOR_SCOPE, catalogPositionSchema, listProductsQuerySchema } from '../domain/product-listing';

const { limit: limitSchema, cursor: cursorSchema } = listProductsQuerySchema.shape;

/** Where the page a cursor continues from starts; a cursor that is signed but holds no position is as bad as a forged one. */
async function positionOf(cursor: string | undefined): Promise<string | undefined> {
  if (cursor === undefined) return undefined;
  const position = catalogPositionSchema.safeParse(await decodeCursor(cursor, CATALOG_CURSOR_SCOPE));
  if (!position.success) throw badRequest('The cursor is invalid.', [{ path: 'cursor', message: 'not a cursor this listing issued' }]);
  return position.data.afterSku;
}

/** GET /api/v1/products: the catalog in sku order, one page at a time. */
export const handler = apiHandler(async (event) => {
  callerOf(event);
  const query = event.queryStringParameters ?? {};
  const limit = parseParameter(limitSchema, 'limit', query.limit);
  const cursor = parseParameter(cursorSchema, 'cursor', query.cursor);
  const page = await listProducts(limit, await positionOf(cursor));
  const nextCursor = page.lastSku ? await encodeCursor({ afterSku: page.lastSku }, CATALOG_CURSOR_SCOPE) : undefined;
  return jsonResponse(200, { items: page.items, ...(nextCursor ? { nextCursor } : {}) });
});
