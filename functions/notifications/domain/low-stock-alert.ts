import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';

/** An alert to the people who restock, ready for an alert channel. */
export interface LowStockAlert {
  eventId: string;
  correlationId: string;
  sku: string;
  stock: number;
  threshold: number;
  message: string;
}

/** What to tell the stock managers about a low_stock event. Pure. */
export function lowStockAlertFor(event: ReceivedDomainEvent<'inventory.low_stock'>): LowStockAlert {
  const { id: eventId, correlationId, data } = event.detail;
  const product = data.name ? `${data.name} (${data.sku})` : data.sku;
  return {
    eventId,
    correlationId,
    sku: data.sku,
    stock: data.stock,
    threshold: data.threshold,
    message: `${product} is low on stock: ${data.stock} left, below the threshold of ${data.threshold}.`,
  };
}
