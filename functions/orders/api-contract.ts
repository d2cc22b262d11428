import * as z from 'zod';
import { problemSchema } from '#contracts/api/problem-schema';
import { entityTagListSchema } from '#contracts/api/entity-tag-list-schema';
import { API_BASE_PATH, type ResponseContract } from '#contracts/api/route-contract';
import { contextApi } from '#contracts/wiring-declarations';
import { createOrderBodySchema, idempotencyKeySchema } from './domain/create-order-request';
import { listOrdersQuerySchema } from './domain/list-orders-query';
import { orderListSchema, orderSchema } from './domain/order';
import { orderIdSchema } from './domain/order-id';
import { updateStatusBodySchema } from './domain/update-status-request';
import { ORDER_PATH } from './http/order-location';

/**
 * The orders routes, each declared once: its path, who may call it, the schemas its handler
 * validates with, every answer it gives, and what its function may access. Schemas only (no
 * adapters): importing this never opens a client or reads a table name.
 */

const problem = (description: string, headers?: ResponseContract['headers']): ResponseContract => ({
  description,
  schema: problemSchema,
  ...(headers ? { headers } : {}),
});

const orderPath = z.object({ id: orderIdSchema.describe('The order id') });

// 401, 403, 429 and the 5xx the gateway gives are added to every route from its auth kind (contracts/api/gateway-answers.ts).
const notFoundOrNotYours = problem("No such order, or not one of yours (someone else's order is 404, never 403).");
const invalidId = problem('The order id is malformed.');

export const ordersApi = contextApi('orders', [
  {
    method: 'POST',
    path: '/orders',
    auth: 'user',
    summary: 'Place an order',
    function: { access: { table: 'readWrite' } },
    operationId: 'createOrder',
    description:
      'Places an order in status `pending` and starts its saga (reserve stock, take payment, confirm) without waiting for it. ' +
      'Prices come from the catalog, never from the request. Requires an `Idempotency-Key`: the same key and body return the same order ' +
      'and status code however often and however concurrently they are sent; the same key with another body is 422; while the first ' +
      'request with a key is still running, others get 409 with `Retry-After`. Keys are scoped to you and kept 24 h.',
    headers: z.object({ 'idempotency-key': idempotencyKeySchema }),
    body: createOrderBodySchema,
    responses: {
      201: {
        description: 'The order, `pending` (also the answer to a replay of the same key and body)',
        schema: orderSchema,
        headers: { Location: `The order's URL path, \`${API_BASE_PATH}${ORDER_PATH}\`` },
      },
      400: problem('The body or the `Idempotency-Key` header is missing or invalid; `errors` lists every invalid field.'),
      409: problem(
        'A request with this `Idempotency-Key` is still in progress, or another request was changing the same items at that moment. Retry after `Retry-After` seconds to get its result.',
        {
          'Retry-After': 'Seconds to wait before retrying',
        },
      ),
      422: problem('An unknown sku (`errors` names it), items priced in different currencies, or an `Idempotency-Key` already used with a different body.'),
    },
  },
  {
    method: 'GET',
    path: '/orders',
    auth: 'user',
    summary: 'List orders, newest first',
    function: { access: { table: 'read', signsCursors: true } },
    operationId: 'listOrders',
    description:
      "Your orders, newest first. Admins: every customer's orders, or one customer's with `customerId`. " +
      'Pages are linked by an opaque, signed `nextCursor`, valid only with the same filters.',
    query: listOrdersQuerySchema,
    responses: {
      200: { description: 'One page of orders', schema: orderListSchema },
      400: problem('A query parameter is invalid, unknown or repeated, or the cursor was not issued for this listing.'),
      403: problem('A customer named another customer in `customerId` (only admins may).'),
    },
  },
  {
    method: 'GET',
    path: ORDER_PATH,
    auth: 'user',
    summary: 'Get an order',
    function: { access: { table: 'read' } },
    operationId: 'getOrder',
    pathParameters: orderPath,
    headers: z.object({
      'if-none-match': entityTagListSchema.optional().describe('The `ETag` of a copy you hold: if it is still current, the answer is 304 without a body'),
    }),
    responses: {
      200: { description: 'The order', schema: orderSchema, headers: { ETag: "The order's entity tag: changes whenever anything in the order does" } },
      304: { description: 'Not modified: `If-None-Match` names the current `ETag`', headers: { ETag: "The order's current entity tag" } },
      400: problem('The order id or `If-None-Match` is malformed.'),
      404: notFoundOrNotYours,
    },
  },
  {
    method: 'POST',
    path: '/orders/{id}/cancel',
    auth: 'user',
    summary: 'Cancel an order',
    function: { access: { table: 'readWrite' } },
    operationId: 'cancelOrder',
    description:
      'Cancels a `pending` or `confirmed` order (`cancellationReason: customer_cancelled`); stock is released and the payment voided or refunded by the saga.',
    pathParameters: orderPath,
    responses: {
      202: { description: 'The order, now `cancelled`; the compensation completes asynchronously', schema: orderSchema },
      400: invalidId,
      404: notFoundOrNotYours,
      409: problem('The order is no longer `pending` or `confirmed` (or changed concurrently: with `Retry-After`, send it again).', {
        'Retry-After': { description: 'Only when another request was changing the order: seconds to wait before sending it again', required: false },
      }),
    },
  },
  {
    method: 'PATCH',
    path: '/orders/{id}/status',
    auth: 'admin',
    summary: 'Mark an order shipped or delivered',
    function: { access: { table: 'readWrite' } },
    operationId: 'updateOrderStatus',
    description: 'Fulfilment: `{status: "shipped"}` from `confirmed`, `{status: "delivered"}` from `shipped`. Any other move is 409.',
    pathParameters: orderPath,
    body: updateStatusBodySchema,
    responses: {
      200: { description: 'The order in its new status', schema: orderSchema },
      400: problem('The id or the body is invalid; `errors` lists every invalid field.'),
      403: problem('The caller is not an admin.'),
      404: problem('No such order.'),
      409: problem("The move is not allowed from the order's current status (or it changed concurrently: with `Retry-After`, send it again).", {
        'Retry-After': { description: 'Only when another request was changing the order: seconds to wait before sending it again', required: false },
      }),
    },
  },
]);
