import type { LowStockAlert } from './low-stock-alert';
import type { DeliveryFeedback, NotificationChannel, NotificationStatus, TemplateName } from './notification';
import type { TemplateData } from './customer-notification';

/** The notifications context's ports: where messages go, how they are worded, and the records that send each once. */

// --- Customer notifications ---------------------------------------------------------------------

/** One notification: an order event on a channel. */
export interface NotificationKey {
  orderId: string;
  eventId: string;
  channel: NotificationChannel;
}

/** What a record holds besides its status. */
export interface NewNotification extends NotificationKey {
  template: TemplateName;
  detailType: string;
  correlationId: string;
  /** Masked: records never hold an address in clear. */
  recipient: string;
}

export interface NotificationRecord extends NewNotification {
  status: NotificationStatus;
  /** The provider's id of the message, once it took it. */
  messageId?: string;
  sentAt?: string;
  updatedAt: string;
  lastError?: string;
}

/**
 * - `claimed`: this invocation sends.
 * - `settled`: sent before (or refused for good): nothing to do.
 * - `inProgress`: another invocation holds a live claim; retry later.
 */
export type ClaimOutcome = { kind: 'claimed' } | { kind: 'settled'; status: NotificationStatus } | { kind: 'inProgress' };

/** The records that make each notification happen once (docs/notifications.md, "Exactly once"). */
export interface NotificationRecords {
  /** Claims the send, or says why not. */
  claim(notification: NewNotification, now: Date): Promise<ClaimOutcome>;
  /** The provider took the message. */
  markSent(key: NotificationKey, messageId: string, now: Date): Promise<void>;
  /** The attempt failed; `permanent`: the provider refused this message, and no retry will do better. */
  markFailed(key: NotificationKey, reason: string, permanent: boolean, now: Date): Promise<void>;
  /** Applies what the provider reported later; `ignored`: no such record, another message's, or stale. */
  applyFeedback(feedback: DeliveryFeedback, now: Date): Promise<'applied' | 'ignored'>;
  /** Every record of an order, oldest first. */
  ofOrder(orderId: string): Promise<NotificationRecord[]>;
}

/** Whose order it is and whom to tell: read from the order (the orders context keeps the contact). */
export interface OrderContacts {
  find(orderId: string): Promise<{ customerId: string; contact: { email?: string; phone?: string } } | undefined>;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderedText {
  text: string;
}

/** The templates (templates/ in the repository), rendered with a notice's data. */
export interface MessageTemplates {
  email(template: TemplateName, data: TemplateData): RenderedEmail;
  sms(template: TemplateName, data: TemplateData): RenderedText;
}

export interface EmailMessage extends RenderedEmail {
  to: string;
  /** Lead the provider's later events back to the record. */
  about: { orderId: string; eventId: string };
}

/** Thrown by a sender when the provider refuses this message for good (a malformed address, content it rejects): a retry would fail the same way. */
export class MessageRefusedError extends Error {
  override readonly name = 'MessageRefusedError';
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface SmsSender {
  send(message: { to: string; text: string }): Promise<{ messageId: string }>;
}

// --- Stock alerts -------------------------------------------------------------------------------

export interface DeliveryKey {
  eventId: string;
  channel: string;
}

/** What the stock alerts' ledger keeps about a delivery (besides its status). */
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

/** Where stock alerts go. The adapter only logs (no pager or chat integration is configured); a real one implements the same interface. */
export interface StockAlertSender {
  readonly channel: string;
  send(alert: LowStockAlert): Promise<void>;
}

/** The slice of Powertools' Logger the adapters use. */
export interface DeliveryLog {
  info(message: string, attributes: Record<string, unknown>): void;
}
