import type * as z from 'zod';
import { envelopeSchema } from './event-envelope';
import { type DomainEventName, type EventSource, sourceOf } from './event-names';
import { inventoryLowStockV1, inventoryReleasedV1, inventoryReservedV1 } from './inventory-events';
import {
  orderCancelledV1,
  orderCancelledV2,
  orderConfirmedV1,
  orderConfirmedV2,
  orderDeliveredV1,
  orderDeliveredV2,
  orderPlacedV1,
  orderShippedV1,
  orderShippedV2,
} from './order-events';
import { paymentAuthorizedV1, paymentCapturedV1, paymentDeclinedV1, paymentRefundedV1, paymentVoidedV1 } from './payment-events';

/**
 * The event catalogue: every domain event with its source, when it is emitted, and each version of its
 * data schema with examples. The JSON Schemas in schemas/events/, docs/events.md's examples, the
 * publisher's validation and the subscribers' parsing all come from here.
 *
 * Adding a version: append it to `previous`/`latest` below (never edit a published one), run
 * `npx tsx contracts/events/write-event-schemas.ts`, and the compatibility test checks it.
 */

export interface EventVersionContract<Data extends z.ZodObject = z.ZodObject> {
  version: number;
  data: Data;
  /** Example data, at least one; docs and tests build example events from them. */
  examples: [z.input<Data>, ...z.input<Data>[]];
  /** What changed from the previous version (absent on v1). */
  changes?: string;
}

export interface EventContract<N extends DomainEventName = DomainEventName, Data extends z.ZodObject = z.ZodObject> {
  name: N;
  source: EventSource;
  description: string;
  /** The committed state change that produces it (the outbox's derivation, functions/outbox/domain/derive-events.ts). */
  emittedWhen: string;
  /** Every version, oldest first; the last one is `latest`. */
  versions: readonly EventVersionContract[];
  /** The version published now. */
  latest: EventVersionContract<Data>;
  /** The full `detail` schema of the latest version, built once. */
  latestDetail: ReturnType<typeof envelopeSchema<Data>>;
}

function defineEvent<N extends DomainEventName, Data extends z.ZodObject>(
  name: N,
  meta: { description: string; emittedWhen: string },
  latest: EventVersionContract<Data>,
  previous: EventVersionContract[] = [],
): EventContract<N, Data> {
  return {
    name,
    source: sourceOf(name),
    ...meta,
    versions: [...previous, latest as unknown as EventVersionContract],
    latest,
    latestDetail: envelopeSchema(latest.version, latest.data),
  };
}

/** What v2 of the events customers are told about added. */
const CONTACT_CHANGE = 'Adds `contact`: whom the customer notifications of the order go to, masked (absent when the order has no contact).';

const orderItems = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', quantity: 2, unitPrice: 1899 },
  { sku: 'SKU-2', name: 'Milk jug', quantity: 1, unitPrice: 1250 },
];

export const eventCatalogue = {
  'order.placed': defineEvent(
    'order.placed',
    { description: 'An order was accepted (status pending).', emittedWhen: 'An order item is inserted (POST /api/v1/orders).' },
    {
      version: 1,
      data: orderPlacedV1,
      examples: [
        { orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', status: 'pending', items: orderItems, totalAmount: 5048, currency: 'EUR' },
      ],
    },
  ),
  'order.confirmed': defineEvent(
    'order.confirmed',
    { description: 'The order is paid and its stock reserved.', emittedWhen: "An order's status changes to confirmed (the saga's last step)." },
    {
      version: 2,
      data: orderConfirmedV2,
      changes: CONTACT_CHANGE,
      examples: [
        {
          orderId: '01JORDER0000000000000000A1',
          customerId: 'customer-42',
          totalAmount: 5048,
          currency: 'EUR',
          paymentId: '01JPAYMENT00000000000000B1',
          contact: { email: 's•••@simulator.amazonses.com', phone: '+44••••••••23' },
        },
        { orderId: '01JORDER0000000000000000A5', customerId: 'customer-9', totalAmount: 1250, currency: 'EUR' },
      ],
    },
    [
      {
        version: 1,
        data: orderConfirmedV1,
        examples: [
          { orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', totalAmount: 5048, currency: 'EUR', paymentId: '01JPAYMENT00000000000000B1' },
        ],
      },
    ],
  ),
  'order.cancelled': defineEvent(
    'order.cancelled',
    {
      description: 'The order was cancelled, with the reason.',
      emittedWhen: "An order's status changes to cancelled (saga compensation, or POST /api/v1/orders/{id}/cancel).",
    },
    {
      version: 2,
      data: orderCancelledV2,
      changes: CONTACT_CHANGE,
      examples: [
        {
          orderId: '01JORDER0000000000000000A2',
          customerId: 'customer-42',
          reason: 'payment_declined',
          previousStatus: 'pending',
          contact: { email: 's•••@simulator.amazonses.com' },
        },
        { orderId: '01JORDER0000000000000000A3', customerId: 'customer-7', reason: 'customer_cancelled', previousStatus: 'confirmed' },
        {
          orderId: '01JORDER0000000000000000A6',
          customerId: 'customer-42',
          reason: 'out_of_stock',
          previousStatus: 'pending',
          contact: { email: 'a•••@example.com' },
        },
        {
          orderId: '01JORDER0000000000000000A7',
          customerId: 'customer-42',
          reason: 'payment_unavailable',
          previousStatus: 'pending',
          contact: { email: 'a•••@example.com' },
        },
        {
          orderId: '01JORDER0000000000000000A8',
          customerId: 'customer-42',
          reason: 'unspecified',
          previousStatus: 'pending',
          contact: { email: 'a•••@example.com' },
        },
      ],
    },
    [
      {
        version: 1,
        data: orderCancelledV1,
        examples: [
          { orderId: '01JORDER0000000000000000A2', customerId: 'customer-42', reason: 'payment_declined', previousStatus: 'pending' },
          { orderId: '01JORDER0000000000000000A3', customerId: 'customer-7', reason: 'customer_cancelled', previousStatus: 'confirmed' },
        ],
      },
    ],
  ),
  'order.shipped': defineEvent(
    'order.shipped',
    { description: 'The order left the warehouse.', emittedWhen: "An order's status changes to shipped (PATCH /api/v1/orders/{id}/status)." },
    {
      version: 2,
      data: orderShippedV2,
      changes: CONTACT_CHANGE,
      examples: [
        { orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', contact: { email: 's•••@simulator.amazonses.com', phone: '+44••••••••23' } },
      ],
    },
    [{ version: 1, data: orderShippedV1, examples: [{ orderId: '01JORDER0000000000000000A1', customerId: 'customer-42' }] }],
  ),
  'order.delivered': defineEvent(
    'order.delivered',
    { description: 'The order reached the customer.', emittedWhen: "An order's status changes to delivered (PATCH /api/v1/orders/{id}/status)." },
    {
      version: 2,
      data: orderDeliveredV2,
      changes: CONTACT_CHANGE,
      examples: [{ orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', contact: { email: 's•••@simulator.amazonses.com' } }],
    },
    [{ version: 1, data: orderDeliveredV1, examples: [{ orderId: '01JORDER0000000000000000A1', customerId: 'customer-42' }] }],
  ),
  'inventory.reserved': defineEvent(
    'inventory.reserved',
    {
      description: 'Stock for all items of an order was reserved.',
      emittedWhen: 'A stock reservation item is inserted with status reserved (saga step "reserve stock").',
    },
    {
      version: 1,
      data: inventoryReservedV1,
      examples: [
        {
          orderId: '01JORDER0000000000000000A1',
          items: [
            { sku: 'SKU-1', quantity: 2 },
            { sku: 'SKU-2', quantity: 1 },
          ],
        },
      ],
    },
  ),
  'inventory.released': defineEvent(
    'inventory.released',
    {
      description: 'A reservation was given back to stock.',
      emittedWhen: "A stock reservation's status changes from reserved to released (saga compensation).",
    },
    { version: 1, data: inventoryReleasedV1, examples: [{ orderId: '01JORDER0000000000000000A2', items: [{ sku: 'SKU-1', quantity: 2 }] }] },
  ),
  'inventory.low_stock': defineEvent(
    'inventory.low_stock',
    {
      description: "A product's stock fell below its low-stock threshold.",
      emittedWhen:
        "A product's stock changes from at or above its lowStockThreshold (default 5) to below it: once per crossing, not once per order. Rising back above and falling again is a new crossing.",
    },
    { version: 1, data: inventoryLowStockV1, examples: [{ sku: 'SKU-1', name: 'Espresso beans 1 kg', stock: 3, threshold: 5 }] },
  ),
  'payment.authorized': defineEvent(
    'payment.authorized',
    { description: 'Funds are held for the order.', emittedWhen: 'A payment item is written with, or changes to, status authorized.' },
    {
      version: 1,
      data: paymentAuthorizedV1,
      examples: [{ paymentId: '01JPAYMENT00000000000000B1', orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', amount: 5048, currency: 'EUR' }],
    },
  ),
  'payment.captured': defineEvent(
    'payment.captured',
    { description: 'The money was taken.', emittedWhen: 'A payment item is written with, or changes to, status captured.' },
    {
      version: 1,
      data: paymentCapturedV1,
      examples: [{ paymentId: '01JPAYMENT00000000000000B1', orderId: '01JORDER0000000000000000A1', customerId: 'customer-42', amount: 5048, currency: 'EUR' }],
    },
  ),
  'payment.declined': defineEvent(
    'payment.declined',
    { description: 'The provider declined the payment.', emittedWhen: 'A payment item is written with, or changes to, status declined.' },
    {
      version: 1,
      data: paymentDeclinedV1,
      examples: [{ paymentId: '01JPAYMENT00000000000000B2', orderId: '01JORDER0000000000000000A2', customerId: 'customer-42', amount: 1899, currency: 'EUR' }],
    },
  ),
  'payment.voided': defineEvent(
    'payment.voided',
    { description: 'An authorization was cancelled before capture.', emittedWhen: 'A payment item changes to status voided (saga compensation).' },
    {
      version: 1,
      data: paymentVoidedV1,
      examples: [{ paymentId: '01JPAYMENT00000000000000B3', orderId: '01JORDER0000000000000000A4', customerId: 'customer-7', amount: 2500, currency: 'EUR' }],
    },
  ),
  'payment.refunded': defineEvent(
    'payment.refunded',
    {
      description: 'A captured payment was refunded in full.',
      emittedWhen: 'A payment item changes to status refunded (POST /api/v1/payments/{id}/refund, or cancelling a confirmed order).',
    },
    {
      version: 1,
      data: paymentRefundedV1,
      examples: [{ paymentId: '01JPAYMENT00000000000000B1', orderId: '01JORDER0000000000000000A3', customerId: 'customer-7', amount: 5048, currency: 'EUR' }],
    },
  ),
} satisfies { [N in DomainEventName]: EventContract<N> };

export type EventCatalogue = typeof eventCatalogue;

/** The data of the version published now, as producers write it. */
export type LatestEventData<N extends DomainEventName> = z.input<EventCatalogue[N]['latest']['data']>;

/** The data of the latest version, as consumers read it. */
export type ReceivedEventData<N extends DomainEventName> = z.output<EventCatalogue[N]['latest']['data']>;

export const eventContract = <N extends DomainEventName>(name: N): EventCatalogue[N] => eventCatalogue[name];

export const allEventContracts = (): EventContract[] => Object.values(eventCatalogue) as EventContract[];

/** Where the JSON Schema of a version lives, relative to the repository root. */
export const eventSchemaFile = (name: DomainEventName, version: number): string => `schemas/events/${name}/v${version}.json`;
