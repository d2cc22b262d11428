import type { DeliveryLog, StockAlertSender } from '../domain/ports';
import type { LowStockAlert } from '../domain/low-stock-alert';

/** Raises the alert by logging it: the stand-in for a pager or chat integration. */
export class LogOnlyStockAlertSender implements StockAlertSender {
  readonly channel = 'stock-alert';

  constructor(private readonly log: DeliveryLog) {}

  async send(alert: LowStockAlert): Promise<void> {
    this.log.info('low stock alert (log only)', {
      correlationId: alert.correlationId,
      eventId: alert.eventId,
      sku: alert.sku,
      stock: alert.stock,
      threshold: alert.threshold,
      alert: alert.message,
    });
  }
}
