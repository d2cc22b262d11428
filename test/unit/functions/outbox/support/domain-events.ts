import { createDomainEvent, type DomainEvent } from '#contracts/events/domain-event';
import { uuidV5 } from '#contracts/events/event-id';

/** `count` distinct order.shipped events, numbered from 0. */
export const shippedEvents = (count: number, correlationId = 'corr-1'): DomainEvent[] =>
  Array.from({ length: count }, (_, n) =>
    createDomainEvent('order.shipped', {
      id: uuidV5(`test#${n}`),
      occurredAt: '2026-03-14T09:26:53.000Z',
      correlationId,
      data: { orderId: `o-${n}`, customerId: 'c-1' },
    }),
  );

/** The order id an entry of a PutEvents request carries. */
export const orderIdOf = (entry: { Detail?: string }): string => JSON.parse(entry.Detail!).data.orderId;
