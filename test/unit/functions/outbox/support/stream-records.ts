import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

type Item = Record<string, unknown>;

let sequence = 1000;

/** A DynamoDB stream record as Lambda hands it over (NEW_AND_OLD_IMAGES), from plain items. */
export function streamRecord(change: {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldImage?: Item;
  newImage?: Item;
  sequenceNumber?: string;
  at?: Date;
}): DynamoDBRecord {
  const image = (item?: Item) => (item ? (marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>) : undefined);
  const keys = change.newImage ?? change.oldImage ?? {};
  return {
    eventID: `event-${sequence}`,
    eventName: change.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor((change.at ?? new Date('2026-03-14T09:30:00Z')).getTime() / 1000),
      Keys: marshall({ pk: keys.pk, sk: keys.sk }) as Record<string, AttributeValue>,
      OldImage: image(change.oldImage),
      NewImage: image(change.newImage),
      SequenceNumber: change.sequenceNumber ?? String(++sequence).padStart(21, '0'),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:eu-central-1:111122223333:table/ordersaga/stream/2026-01-01T00:00:00.000',
  };
}

export const inserted = (newImage: Item, sequenceNumber?: string) => streamRecord({ eventName: 'INSERT', newImage, sequenceNumber });
export const modified = (oldImage: Item, newImage: Item, sequenceNumber?: string) => streamRecord({ eventName: 'MODIFY', oldImage, newImage, sequenceNumber });
export const removed = (oldImage: Item) => streamRecord({ eventName: 'REMOVE', oldImage });

/** Items shaped as the orders, payments, inventory and saga code write them. */
export const orderItem = (overrides: Item = {}): Item => ({
  pk: 'ORDER#o-1',
  sk: 'ORDER',
  entity: 'order',
  id: 'o-1',
  customerId: 'c-1',
  status: 'pending',
  items: [{ sku: 'SKU-1', name: 'Beans', quantity: 2, unitPrice: 1500 }],
  totalAmount: 3000,
  currency: 'EUR',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { id: 'p-1', status: 'pending' },
  correlationId: 'corr-order-1',
  version: 1,
  createdAt: '2026-03-14T09:00:00.000Z',
  updatedAt: '2026-03-14T09:00:00.000Z',
  ...overrides,
});

export const paymentItem = (overrides: Item = {}): Item => ({
  pk: 'PAYMENT#p-1',
  sk: 'PAYMENT',
  entity: 'payment',
  id: 'p-1',
  orderId: 'o-1',
  customerId: 'c-1',
  status: 'pending',
  amount: 3000,
  currency: 'EUR',
  version: 1,
  correlationId: 'corr-order-1',
  updatedAt: '2026-03-14T09:00:01.000Z',
  ...overrides,
});

export const reservationItem = (overrides: Item = {}): Item => ({
  pk: 'RESERVATION#o-1',
  sk: 'RESERVATION',
  entity: 'reservation',
  orderId: 'o-1',
  items: [{ sku: 'SKU-1', quantity: 2 }],
  status: 'reserved',
  correlationId: 'corr-order-1',
  version: 1,
  ...overrides,
});

export const productItem = (overrides: Item = {}): Item => ({
  pk: 'PRODUCT#SKU-1',
  sk: 'PRODUCT',
  entity: 'product',
  sku: 'SKU-1',
  name: 'Beans',
  price: 1500,
  currency: 'EUR',
  stock: 10,
  updatedAt: '2026-03-14T09:00:00.000Z',
  ...overrides,
});
