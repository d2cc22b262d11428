import { z } from 'zod';
import { API_BASE_PATH } from '../../lib/wiring/routes';
import { problemSchema } from '../shared/api-contract/problem-schema';
import type { ResponseContract, RouteContract } from '../shared/http/route-contract';
import { createOrderBodySchema, idempotencyKeySchema } from './domain/create-order-request';
import { listOrdersQuerySchema } from './domain/list-orders-query';
import { orderListSchema, orderSchema } from './domain/order';
import { orderIdSchema } from './domain/order-id';
import { updateStatusBodySchema } from './domain/update-status-request';

/**
 * The orders routes' contracts: the schemas the handlers validate with, and every answer they give.
 * Schemas only (no adapters): importing this never opens a client or reads a table name.
 */

const problem = (description: string, headers?: Record<string, string>): ResponseContract => ({ description, schema: problemSchema, ...(headers ? { headers } : {}) });

const orderPath = z.object({ id: orderIdSchema.describe('The order id') });

/** Answers every orders route can give. */
const common = {
  401: problem('The bearer token is missing, malformed, expired, or not issued for this API.'),
  429: problem('Over the rate limit. Retry after the seconds in `Retry-After`.', { 'Retry-After': 'Seconds to wait before retrying' }),
};
const forbiddenByGateway = problem('The token is valid but does not grant this operation.');
const notFoundOrNotYours = problem('No such order, or not one of yours (someone else\'s order is 404, never 403).');
const invalidId = problem('The order id is malformed.');

export const ordersContract: RouteContract[] = [
  {
    method: 'POST',
    path: `${API_BASE_PATH}/orders`,
    operationId: 'createOrder',
    description:
      'Places an order in status `pending` and starts its saga (reserve stock, take payment, confirm) without waiting for it. ' +
      'Prices come from the catalog, never from the request. Requires an `Idempotency-Key`: the same key and body return the same order ' +
      'and status code however often and however concurrently they are sent; the same key with another body is 422; while the first ' +
      'request with a key is still running, others get 409 with `Retry-After`. Keys are scoped to you and kept 24 h.',
    headers: z.object({ 'idempotency-key': idempotencyKeySchema }),
    body: createOrderBodySchema,
    responses: {
      201: { description: 'The order, `pending` (also the answer to a replay of the same key and body)', schema: orderSchema, headers: { Location: 'The order\'s URL path, `/api/v1/orders/{id}`' } },
      400: problem('The body or the `Idempotency-Key` header is missing or invalid; `errors` lists every invalid field.'),
      ...common,
      403: forbiddenByGateway,
      409: problem('A request with this `Idempotency-Key` is still in progress. Retry after `Retry-After` seconds to get its result.', { 'Retry-After': 'Seconds to wait before retrying' }),
      422: problem('An unknown sku (`errors` names it), items priced in different currencies, or an `Idempotency-Key` already used with a different body.'),
    },
  },
  {
    method: 'GET',
    path: `${API_BASE_PATH}/orders`,
    operationId: 'listOrders',
    description:
      'Your orders, newest first. Admins: every customer\'s orders, or one customer\'s with `customerId`. ' +
      'Pages are linked by an opaque, signed `nextCursor`, valid only with the same filters.',
    query: listOrdersQuerySchema,
    responses: {
      200: { description: 'One page of orders', schema: orderListSchema },
      400: problem('A query parameter is invalid, unknown or repeated, or the cursor was not issued for this listing.'),
      ...common,
      403: problem('A customer named another customer in `customerId` (only admins may).'),
    },
  },
  {
    method: 'GET',
    path: `${API_BASE_PATH}/orders/{id}`,
    operationId: 'getOrder',
    pathParameters: orderPath,
    responses: {
      200: { description: 'The order', schema: orderSchema },
      400: invalidId,
      ...common,
      403: forbiddenByGateway,
      404: notFoundOrNotYours,
    },
  },
  {
    method: 'POST',
    path: `${API_BASE_PATH}/orders/{id}/cancel`,
    operationId: 'cancelOrder',
    description: 'Cancels a `pending` or `confirmed` order (`cancellationReason: customer_cancelled`); stock is released and the payment voided or refunded by the saga.',
    pathParameters: orderPath,
    responses: {
      202: { description: 'The order, now `cancelled`; the compensation completes asynchronously', schema: orderSchema },
      400: invalidId,
      ...common,
      403: forbiddenByGateway,
      404: notFoundOrNotYours,
      409: problem('The order is no longer `pending` or `confirmed` (or changed concurrently).'),
    },
  },
  {
    method: 'PATCH',
    path: `${API_BASE_PATH}/orders/{id}/status`,
    operationId: 'updateOrderStatus',
    description: 'Fulfilment: `{status: "shipped"}` from `confirmed`, `{status: "delivered"}` from `shipped`. Any other move is 409.',
    pathParameters: orderPath,
    body: updateStatusBodySchema,
    responses: {
      200: { description: 'The order in its new status', schema: orderSchema },
      400: problem('The id or the body is invalid; `errors` lists every invalid field.'),
      ...common,
      403: problem('The caller is not an admin.'),
      404: problem('No such order.'),
      409: problem('The move is not allowed from the order\'s current status (or it changed concurrently).'),
    },
  },
];
