import type { CustomerNotification } from './customer-notification';
import type { LowStockAlert } from './low-stock-alert';

/**
 * Where notifications go. The adapters here only log (no email or paging provider is configured);
 * a real one (SES, SNS, a pager) implements the same interface and nothing else changes.
 */
export interface CustomerNotificationSender {
  /** Names the channel in the notification ledger (one delivery per event and channel). */
  readonly channel: string;
  send(notification: CustomerNotification): Promise<void>;
}

export interface StockAlertSender {
  readonly channel: string;
  send(alert: LowStockAlert): Promise<void>;
}

/** The slice of Powertools' Logger the adapters use. */
export interface DeliveryLog {
  info(message: string, attributes: Record<string, unknown>): void;
}
