import type { DomainEvent } from '#contracts/events/domain-event';
import { exampleDetails } from '#contracts/events/example-events';
import type { DomainEventName } from '#contracts/events/event-names';
import { businessMetricsOf } from '#outbox/domain/business-metrics';

const event = (name: DomainEventName, data: Record<string, unknown> = {}): DomainEvent =>
  ({
    source: 'ordersaga.orders',
    detailType: name,
    detail: { ...exampleDetails(name)[0]!, data: { ...(exampleDetails(name)[0]!.data as object), ...data } },
  }) as unknown as DomainEvent;

describe('business metrics from published events', () => {
  it('counts placed, confirmed and cancelled orders, cancellations by reason', () => {
    expect(
      businessMetricsOf([
        event('order.placed'),
        event('order.confirmed'),
        event('order.cancelled', { reason: 'out_of_stock' }),
        event('order.cancelled', { reason: 'payment_declined' }),
      ]),
    ).toEqual([
      { name: 'OrdersPlaced', value: 1 },
      { name: 'OrdersConfirmed', value: 1 },
      { name: 'OrdersCancelled', value: 1, dimension: { name: 'reason', value: 'out_of_stock' } },
      { name: 'OrdersCancelled', value: 1, dimension: { name: 'reason', value: 'payment_declined' } },
    ]);
  });

  it('counts nothing for other events', () => {
    expect(businessMetricsOf([event('order.shipped'), event('payment.captured'), event('inventory.reserved')])).toEqual([]);
  });
});
