import type { CustomerNotification } from './customer-notification';
import type { LowStockAlert } from './low-stock-alert';

/** The notifications context's ports: where notifications go, and the ledger that delivers each once. */

export interface DeliveryKey {
  eventId: string;
  channel: string;
}

/** What the ledger keeps about a delivery (besides its status). */
export interface DeliveryRecord extends DeliveryKey {
  detailType: string;
  correlationId: string;
  recipient: string;
  summary: string;
}

/** `inProgress`: another invocation holds a live claim on it. */
export type ClaimResult = 'claimed' | 'alreadyDelivered' | 'inProgress';

export interface NotificationLedger {
  claim(record: DeliveryRecord, now: Date): Promise<ClaimResult>;
  markDelivered(record: DeliveryKey, now: Date): Promise<void>;
  markFailed(record: DeliveryKey, reason: string): Promise<void>;
}

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
