import type { Caller } from '#shared/http/caller';
import { decodeCursor, encodeCursor } from '#shared/http/cursor';
import { badRequest } from '#shared/http/problem';
import type { ListOrdersQuery } from '../domain/list-orders-query';
import type { OrderList } from '../domain/order';
import type { OrderListing, OrderRepository } from '../domain/ports';
import { ForeignOrdersListingError } from './application-errors';

/**
 * Whose orders a listing shows. A customer: their own (naming themselves is allowed, naming anyone
 * else is 403 — the filter is an admin feature, and the answer is the same whether that customer
 * exists). An admin: the named customer's, or every customer's.
 */
function listedCustomer(caller: Caller, query: ListOrdersQuery): string | undefined {
  if (caller.isAdmin) return query.customerId;
  if (query.customerId !== undefined && query.customerId !== caller.customerId) throw new ForeignOrdersListingError();
  return caller.customerId;
}

/**
 * A cursor is valid only for the listing that issued it: the same caller, customer and status. The
 * page size may change between pages.
 */
const cursorScope = (caller: Caller, customerId: string | undefined, query: ListOrdersQuery): string =>
  JSON.stringify(['orders', caller.customerId, customerId ?? '*', query.status ?? '*']);

async function positionOf(cursor: string | undefined, scope: string): Promise<string | undefined> {
  if (cursor === undefined) return undefined;
  const { after } = await decodeCursor(cursor, scope);
  if (typeof after !== 'string' || after.length === 0)
    throw badRequest('The cursor is invalid.', [{ path: 'cursor', message: 'not a cursor this listing issued' }]);
  return after;
}

/** listOrders: newest first, one page, and an opaque signed cursor to the next. */
export async function listOrdersFor(orders: OrderRepository, caller: Caller, query: ListOrdersQuery): Promise<OrderList> {
  const customerId = listedCustomer(caller, query);
  const scope = cursorScope(caller, customerId, query);
  const listing: OrderListing = { customerId, status: query.status, after: await positionOf(query.cursor, scope), limit: query.limit };
  const page = await orders.list(listing);
  const list: OrderList = { items: page.orders };
  if (page.nextPosition !== undefined) list.nextCursor = await encodeCursor({ after: page.nextPosition }, scope);
  return list;
}
