import * as z from 'zod';
import { platformApi } from '#platform/api-contract';
import { problemSchema } from '#contracts/api/problem-schema';
import type { RouteContract } from '#contracts/api/route-contract';
import type { RouteSpec } from '#contracts/wiring';

/**
 * Contracts for every route of the API, written from its product contract alone: the generator, the gateway
 * models and the validator are tested against these, independently of the handlers' own contracts.
 */
const id = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  .describe('A ULID');
const sku = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('ISO 4217');
const money = z.number().int().min(0).describe('Minor units (cents)');
const timestamp = z.iso.datetime();
const cursor = z.string().min(1).max(2048).describe("Opaque; from the previous page's nextCursor");
const limit = z.coerce.number().int().min(1).max(100).default(20);

const address = z
  .strictObject({
    name: z.string().min(1).max(200),
    line1: z.string().min(1).max(200),
    line2: z.string().max(200).optional(),
    city: z.string().min(1).max(100),
    postalCode: z.string().min(1).max(20),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('ISO 3166-1 alpha-2'),
  })
  .meta({ id: 'FixtureShippingAddress' });

const contact = z
  .strictObject({
    email: z
      .string()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/)
      .optional(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{1,14}$/)
      .optional()
      .describe('E.164'),
  })
  .meta({ id: 'FixtureContact' });

export const fixtureCreateOrderBody = z.strictObject({
  items: z
    .array(z.strictObject({ sku, quantity: z.number().int().min(1).max(100) }))
    .min(1)
    .max(50),
  shippingAddress: address,
  payment: z.strictObject({ method: z.literal('card'), token: z.string().min(1).max(200) }),
  contact: contact.optional(),
});

const orderStatus = z.enum(['pending', 'confirmed', 'shipped', 'delivered', 'cancelled']);
export const fixtureOrder = z
  .strictObject({
    id,
    customerId: z.string(),
    status: orderStatus,
    items: z.array(z.strictObject({ sku, name: z.string(), quantity: z.number().int(), unitPrice: money })),
    totalAmount: money,
    currency,
    shippingAddress: address,
    contact: contact.optional(),
    payment: z.strictObject({ id, status: z.enum(['pending', 'authorized', 'captured', 'declined', 'voided', 'refunded']) }),
    cancellationReason: z.string().optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'FixtureOrder' });

const product = z
  .strictObject({ sku, name: z.string(), price: money, currency, stock: z.number().int().min(0), updatedAt: timestamp })
  .meta({ id: 'FixtureProduct' });
const payment = z
  .strictObject({
    id,
    orderId: id,
    status: z.enum(['pending', 'authorized', 'captured', 'declined', 'voided', 'refunded']),
    amount: money,
    currency,
    updatedAt: timestamp,
  })
  .meta({ id: 'FixturePayment' });
const notification = z
  .strictObject({
    id: z.string(),
    channel: z.enum(['email', 'sms']),
    template: z.string(),
    status: z.enum(['sent', 'delivered', 'bounced', 'complained', 'failed']),
    recipient: z.string().describe('Masked'),
    sentAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'FixtureNotification' });
const page = <T extends z.ZodType>(item: T, name: string) => z.strictObject({ items: z.array(item), nextCursor: z.string().optional() }).meta({ id: name });

const problem = (description: string, headers?: Record<string, string>) => ({ description, schema: problemSchema, headers });
const orderId = z.strictObject({ id });
const skuParameter = z.strictObject({ sku });

export const fixtureContracts: RouteContract[] = [
  ...platformApi.contracts,
  {
    method: 'POST',
    path: '/api/v1/orders',
    operationId: 'createOrder',
    headers: z.object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) }),
    body: fixtureCreateOrderBody,
    responses: {
      201: { description: 'Created', schema: fixtureOrder, headers: { Location: 'The new order' } },
      400: problem('Invalid body'),
      409: problem('Same key still in flight', { 'Retry-After': 'Seconds' }),
      422: problem('Unknown sku, or the key was used with another body'),
    },
  },
  {
    method: 'GET',
    path: '/api/v1/orders',
    operationId: 'listOrders',
    query: z.strictObject({ customerId: z.string().optional(), status: orderStatus.optional(), limit, cursor: cursor.optional() }),
    responses: { 200: { description: 'A page', schema: page(fixtureOrder, 'FixtureOrderPage') }, 400: problem('Bad query or cursor') },
  },
  {
    method: 'GET',
    path: '/api/v1/orders/{id}',
    operationId: 'getOrder',
    pathParameters: orderId,
    responses: { 200: { description: 'The order', schema: fixtureOrder }, 404: problem('No such order of yours') },
  },
  {
    method: 'POST',
    path: '/api/v1/orders/{id}/cancel',
    operationId: 'cancelOrder',
    pathParameters: orderId,
    responses: { 202: { description: 'Cancelling', schema: fixtureOrder }, 404: problem('No such order'), 409: problem('Not cancellable') },
  },
  {
    method: 'PATCH',
    path: '/api/v1/orders/{id}/status',
    operationId: 'updateOrderStatus',
    pathParameters: orderId,
    body: z.strictObject({ status: z.enum(['shipped', 'delivered']) }),
    responses: {
      200: { description: 'Updated', schema: fixtureOrder },
      403: problem('Admins only'),
      404: problem('No such order'),
      409: problem('Transition not allowed'),
    },
  },
  {
    method: 'GET',
    path: '/api/v1/orders/{id}/notifications',
    operationId: 'listOrderNotifications',
    pathParameters: orderId,
    responses: {
      200: { description: "The order's notifications", schema: z.strictObject({ items: z.array(notification) }).meta({ id: 'FixtureNotificationList' }) },
      404: problem('No such order of yours'),
    },
  },
  {
    method: 'GET',
    path: '/api/v1/products',
    operationId: 'listProducts',
    query: z.strictObject({ limit, cursor: cursor.optional() }),
    responses: { 200: { description: 'A page', schema: page(product, 'FixtureProductPage') } },
  },
  {
    method: 'GET',
    path: '/api/v1/products/{sku}',
    operationId: 'getProduct',
    pathParameters: skuParameter,
    responses: { 200: { description: 'The product', schema: product }, 404: problem('Unknown sku') },
  },
  {
    method: 'PUT',
    path: '/api/v1/products/{sku}',
    operationId: 'putProduct',
    pathParameters: skuParameter,
    body: z.strictObject({ name: z.string().trim().min(1).max(200), price: money, currency, stock: z.number().int().min(0) }),
    responses: { 200: { description: 'Replaced', schema: product }, 201: { description: 'Created', schema: product }, 403: problem('Admins only') },
  },
  {
    method: 'POST',
    path: '/api/v1/products/{sku}/stock-adjustments',
    operationId: 'adjustStock',
    pathParameters: skuParameter,
    body: z.strictObject({
      delta: z
        .number()
        .int()
        .refine((n) => n !== 0, 'non-zero'),
    }),
    responses: { 200: { description: 'Adjusted', schema: product }, 404: problem('Unknown sku'), 409: problem('Stock would go below 0') },
  },
  {
    method: 'GET',
    path: '/api/v1/payments/{id}',
    operationId: 'getPayment',
    pathParameters: orderId,
    responses: { 200: { description: 'The payment', schema: payment }, 404: problem('No such payment') },
  },
  {
    method: 'POST',
    path: '/api/v1/payments/{id}/refund',
    operationId: 'refundPayment',
    pathParameters: orderId,
    responses: { 202: { description: 'Refunding', schema: payment }, 409: problem('Nothing to refund') },
  },
  {
    method: 'POST',
    path: '/api/v1/webhooks/payments',
    operationId: 'receivePaymentWebhook',
    // Optional and unmodelled at the gateway: the handler checks the signature first, so a bad one is 401 whatever the body.
    headers: z.object({ 'stripe-signature': z.string().optional().describe('`t=<unix seconds>,v1=<hex HMAC-SHA256>`') }),
    body: z.object({ id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()) }),
    gatewayBodyModel: false,
    responses: { 204: { description: 'Accepted (or a replay, ignored)' }, 401: problem('Bad signature or stale timestamp, whatever the body') },
  },
];

/** The fixture contracts of the routes a (fixture) wiring has. */
export const fixtureContractsFor = (routes: readonly RouteSpec[]): RouteContract[] =>
  fixtureContracts.filter((contract) => routes.some((route) => route.method === contract.method && route.path === contract.path));
