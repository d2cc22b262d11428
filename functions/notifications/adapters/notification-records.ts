import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type DeliveryFeedback, type NotificationStatus, STATUS_RANK } from '../domain/notification';
import type { ClaimOutcome, NewNotification, NotificationKey, NotificationRecord, NotificationRecords } from '../domain/ports';

export interface DynamoNotificationRecordsOptions {
  client: DynamoDBDocumentClient;
  tableName: () => string;
  /**
   * How long a claim keeps other invocations from sending the same notification: longer than the
   * function's timeout (10 s), so a live send is never doubled; after it, a retry may take over.
   */
  leaseSeconds?: number;
  /** TTL: longer than the prod event archive keeps events (365 days), so no replay notifies twice. */
  retentionDays?: number;
}

/** The statuses after which nothing is sent again. */
const SETTLED: readonly NotificationStatus[] = ['sent', 'delivered', 'bounced', 'complained'];

/**
 * The notification records in the table: one item per order event and channel, in the order's own
 * partition of records, `pk = ORDER_NOTIFICATIONS#<orderId>`, `sk = <eventId>#<channel>`, so one Query
 * lists an order's notifications and SES's events (tagged with the order and event ids) find theirs
 * by key. docs/data-model.md has the attributes; docs/notifications.md the rules.
 */
export class DynamoNotificationRecords implements NotificationRecords {
  private readonly leaseSeconds: number;
  private readonly retentionSeconds: number;

  constructor(private readonly options: DynamoNotificationRecordsOptions) {
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.retentionSeconds = (options.retentionDays ?? 400) * 86_400;
  }

  async claim(notification: NewNotification, now: Date): Promise<ClaimOutcome> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName(),
          Key: keyOf(notification),
          UpdateExpression:
            'SET entity = :entity, orderId = :orderId, eventId = :eventId, channel = :channel, template = :template, detailType = :detailType, ' +
            'correlationId = :correlationId, recipient = :recipient, #status = :sending, statusRank = :rank, claimedAt = :now, updatedAt = :now, ' +
            'leaseExpiresAt = :leaseEnd, expiresAt = :expiresAt, attempts = if_not_exists(attempts, :zero) + :one',
          // Free; or failed, and not for good; or claimed by an invocation whose lease ran out before
          // SES's "Email Sent" event recorded a message id (with one, it was sent: docs/notifications.md).
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :failed AND attribute_not_exists(refused)) OR ' +
            '(#status = :sending AND leaseExpiresAt < :nowSeconds AND attribute_not_exists(messageId))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':entity': 'notification',
            ':orderId': notification.orderId,
            ':eventId': notification.eventId,
            ':channel': notification.channel,
            ':template': notification.template,
            ':detailType': notification.detailType,
            ':correlationId': notification.correlationId,
            ':recipient': notification.recipient,
            ':sending': 'sending',
            ':failed': 'failed',
            ':rank': STATUS_RANK.sending,
            ':now': now.toISOString(),
            ':nowSeconds': nowSeconds,
            ':leaseEnd': nowSeconds + this.leaseSeconds,
            ':expiresAt': nowSeconds + this.retentionSeconds,
            ':zero': 0,
            ':one': 1,
          },
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const current = await this.find(notification);
    if (!current) return { kind: 'inProgress' }; // expired and swept meanwhile: the retry claims it
    if (SETTLED.includes(current.status) || current.status === 'failed' || current.messageId !== undefined) return { kind: 'settled', status: current.status };
    return { kind: 'inProgress' };
  }

  async markSent(key: NotificationKey, messageId: string, now: Date): Promise<void> {
    const at = now.toISOString();
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName(),
          Key: keyOf(key),
          UpdateExpression: 'SET #status = :sent, statusRank = :rank, messageId = :messageId, sentAt = :at, updatedAt = :at REMOVE leaseExpiresAt, lastError',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':rank': STATUS_RANK.sent, ':messageId': messageId, ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // SES's events got there first (sent, or even delivered): keep their status, fill in what is missing.
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName(),
          Key: keyOf(key),
          UpdateExpression: 'SET messageId = if_not_exists(messageId, :messageId), sentAt = if_not_exists(sentAt, :at) REMOVE leaseExpiresAt',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':messageId': messageId, ':at': at },
        }),
      );
    }
  }

  async markFailed(key: NotificationKey, reason: string, permanent: boolean, now: Date): Promise<void> {
    const at = now.toISOString();
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName(),
          Key: keyOf(key),
          UpdateExpression: `SET #status = :failed, statusRank = :rank, lastError = :reason, sentAt = :at, updatedAt = :at${permanent ? ', refused = :true' : ''} REMOVE leaseExpiresAt`,
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':sending': 'sending',
            ':rank': STATUS_RANK.failed,
            ':reason': reason.slice(0, 500),
            ':at': at,
            ...(permanent ? { ':true': true } : {}),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // No longer ours to fail (another invocation took the lapsed claim over): its outcome stands.
    }
  }

  async applyFeedback(feedback: DeliveryFeedback, now: Date): Promise<'applied' | 'ignored'> {
    const rank = STATUS_RANK[feedback.outcome];
    const sets = ['#status = :status', 'statusRank = :rank', 'messageId = :messageId', 'updatedAt = :now', 'sentAt = if_not_exists(sentAt, :at)'];
    // The provider's clock may run ahead of this one: a record is never shown updated before it was sent.
    const [sentAt] = [feedback.at, now.toISOString()].sort();
    const values: Record<string, unknown> = {
      ':status': feedback.outcome,
      ':rank': rank,
      ':messageId': feedback.messageId,
      ':now': now.toISOString(),
      ':at': sentAt,
    };
    if (feedback.detail) {
      sets.push('feedback = :detail');
      values[':detail'] = feedback.detail.slice(0, 500);
    }
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName(),
          Key: keyOf(feedback),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseExpiresAt`,
          // Only forward (domain/notification.ts, STATUS_RANK), and only for this record's own message.
          ConditionExpression: 'attribute_exists(pk) AND statusRank < :rank AND (attribute_not_exists(messageId) OR messageId = :messageId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'ignored';
      throw error;
    }
  }

  async ofOrder(orderId: string): Promise<NotificationRecord[]> {
    const records: NotificationRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partitionOf(orderId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      records.push(...(page.Items ?? []).map(recordOf));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records;
  }

  private async find(key: NotificationKey): Promise<NotificationRecord | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName(), Key: keyOf(key), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }
}

const partitionOf = (orderId: string): string => `ORDER_NOTIFICATIONS#${orderId}`;

export const keyOf = (key: NotificationKey) => ({ pk: partitionOf(key.orderId), sk: `${key.eventId}#${key.channel}` });

function recordOf(item: Record<string, unknown>): NotificationRecord {
  const text = (name: string): string | undefined => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  return {
    orderId: String(item.orderId),
    eventId: String(item.eventId),
    channel: item.channel as NotificationRecord['channel'],
    template: item.template as NotificationRecord['template'],
    detailType: String(item.detailType),
    correlationId: String(item.correlationId),
    recipient: String(item.recipient),
    status: item.status as NotificationStatus,
    updatedAt: String(item.updatedAt),
    ...(text('messageId') ? { messageId: text('messageId') } : {}),
    ...(text('sentAt') ? { sentAt: text('sentAt') } : {}),
    ...(text('lastError') ? { lastError: text('lastError') } : {}),
  };
}
