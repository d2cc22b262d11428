import { type DeliveryFeedback, STATUS_RANK, statusAfter } from '#notifications/domain/notification';
import type {
  ClaimOutcome,
  EmailMessage,
  EmailSender,
  NewNotification,
  NotificationKey,
  NotificationRecord,
  NotificationRecords,
  OrderContacts,
  SmsSender,
} from '#notifications/domain/ports';

type Stored = NotificationRecord & { leaseEnd: number; refused?: boolean; attempts: number };

/**
 * The records' contract in memory, with the DynamoDB adapter's rules (its own test checks the same
 * against DynamoDB Local): a claim on a free, retryable-failed or lapsed record without a message id.
 */
export class InMemoryNotificationRecords implements NotificationRecords {
  readonly items = new Map<string, Stored>();

  constructor(private readonly leaseMs = 30_000) {}

  private key = (key: NotificationKey) => `${key.orderId}/${key.eventId}/${key.channel}`;

  async claim(notification: NewNotification, now: Date): Promise<ClaimOutcome> {
    const existing = this.items.get(this.key(notification));
    const free =
      !existing ||
      (existing.status === 'failed' && !existing.refused) ||
      (existing.status === 'sending' && existing.leaseEnd < now.getTime() && existing.messageId === undefined);
    if (!free) {
      if (existing.status === 'sending' && existing.messageId === undefined) return { kind: 'inProgress' };
      return { kind: 'settled', status: existing.status };
    }
    this.items.set(this.key(notification), {
      ...notification,
      status: 'sending',
      updatedAt: now.toISOString(),
      leaseEnd: now.getTime() + this.leaseMs,
      attempts: (existing?.attempts ?? 0) + 1,
    });
    return { kind: 'claimed' };
  }

  async markSent(key: NotificationKey, messageId: string, now: Date): Promise<void> {
    const item = this.items.get(this.key(key))!;
    if (item.status === 'sending') Object.assign(item, { status: 'sent', messageId, sentAt: now.toISOString(), updatedAt: now.toISOString() });
    else Object.assign(item, { messageId: item.messageId ?? messageId, sentAt: item.sentAt ?? now.toISOString() });
  }

  async markFailed(key: NotificationKey, reason: string, permanent: boolean, now: Date): Promise<void> {
    const item = this.items.get(this.key(key))!;
    if (item.status !== 'sending') return;
    Object.assign(item, { status: 'failed', lastError: reason, refused: permanent, sentAt: now.toISOString(), updatedAt: now.toISOString() });
  }

  async applyFeedback(feedback: DeliveryFeedback, now: Date): Promise<'applied' | 'ignored'> {
    const item = this.items.get(this.key(feedback));
    if (!item) return 'ignored';
    const next = statusAfter(item, feedback);
    if (!next || STATUS_RANK[next] <= STATUS_RANK[item.status]) return 'ignored';
    Object.assign(item, { status: next, messageId: feedback.messageId, sentAt: item.sentAt ?? feedback.at, updatedAt: now.toISOString() });
    return 'applied';
  }

  async ofOrder(orderId: string): Promise<NotificationRecord[]> {
    return [...this.items.values()].filter((item) => item.orderId === orderId);
  }
}

export class InMemoryOrderContacts implements OrderContacts {
  readonly orders = new Map<string, { customerId: string; contact: { email?: string; phone?: string } }>();
  async find(orderId: string) {
    return this.orders.get(orderId);
  }
}

/** A sender that records what it was asked to send, and can be told to fail the next calls. */
export class RecordingEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  readonly failures: Error[] = [];
  async send(message: EmailMessage) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: `ses-${this.sent.length}` };
  }
}

export class RecordingSmsSender implements SmsSender {
  readonly sent: { to: string; text: string }[] = [];
  readonly failures: Error[] = [];
  async send(message: { to: string; text: string }) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: `sns-${this.sent.length}` };
  }
}
