import type { DomainEvent } from '#contracts/events/domain-event';

export interface BusinessMetric {
  name: 'OrdersPlaced' | 'OrdersConfirmed' | 'OrdersCancelled';
  value: number;
  /** Extra dimension (e.g. the cancellation reason), on top of the service's. */
  dimension?: { name: string; value: string };
}

/**
 * The order metrics (docs/events.md, "How events are published"), counted where each fact is published: the outbox sees every committed
 * state change exactly once per event id, whichever function made it (API, saga, reconciler).
 */
export function businessMetricsOf(events: DomainEvent[]): BusinessMetric[] {
  const metrics: BusinessMetric[] = [];
  for (const event of events) {
    if (event.detailType === 'order.placed') metrics.push({ name: 'OrdersPlaced', value: 1 });
    if (event.detailType === 'order.confirmed') metrics.push({ name: 'OrdersConfirmed', value: 1 });
    if (event.detailType === 'order.cancelled') {
      const reason = String((event.detail.data as { reason?: unknown }).reason ?? 'unspecified');
      metrics.push({ name: 'OrdersCancelled', value: 1, dimension: { name: 'reason', value: reason } });
    }
  }
  return metrics;
}
