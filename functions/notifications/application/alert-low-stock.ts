import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';
import { type LowStockAlert, lowStockAlertFor } from '../domain/low-stock-alert';
import type { NotificationLedger, StockAlertSender } from '../domain/ports';
import { type DeliveryOutcome, deliverOnce } from './deliver-once';

/** One alert to the stock managers per low-stock event, however often the event is delivered. */
export async function alertLowStock(
  { ledger, sender }: { ledger: NotificationLedger; sender: StockAlertSender },
  received: ReceivedDomainEvent<'inventory.low_stock'>,
): Promise<{ outcome: DeliveryOutcome; alert: LowStockAlert }> {
  const alert = lowStockAlertFor(received);
  const outcome = await deliverOnce({
    ledger,
    record: {
      eventId: alert.eventId,
      channel: sender.channel,
      detailType: received.name,
      correlationId: alert.correlationId,
      recipient: 'stock-managers',
      summary: alert.message,
    },
    deliver: () => sender.send(alert),
  });
  return { outcome, alert };
}
