import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, DeliveryKey, DeliveryRecord, NotificationLedger } from '../domain/ports';

export interface DynamoNotificationLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: () => string;
  /**
   * How long a claim blocks other deliveries of the same event before a retry may take it over (a
   * crashed or timed-out invocation). Longer than the function's timeout, shorter than Lambda's first
   * async retry (about a minute).
   */
  leaseSeconds?: number;
  /** TTL of the records: long enough to outlive EventBridge's retries and ordinary replays. */
  retentionDays?: number;
}

/**
 * The notification ledger in the table: one item per event and channel,
 * `pk = NOTIFICATION#<eventId>`, `sk = CHANNEL#<channel>` (the sort key lets one event reach several
 * channels, each once). A conditional put claims the delivery; the item then records the outcome and
 * expires through the table's TTL (`expiresAt`).
 */
export class DynamoNotificationLedger implements NotificationLedger {
  private readonly leaseSeconds: number;
  private readonly retentionSeconds: number;

  constructor(private readonly options: DynamoNotificationLedgerOptions) {
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.retentionSeconds = (options.retentionDays ?? 30) * 86_400;
  }

  async claim(record: DeliveryRecord, now: Date): Promise<ClaimResult> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName(),
          Item: {
            ...key(record),
            entity: 'notification',
            ...record,
            deliveryStatus: 'sending',
            claimedAt: now.toISOString(),
            leaseExpiresAt: nowSeconds + this.leaseSeconds,
            expiresAt: nowSeconds + this.retentionSeconds,
          },
          // Free, or claimed by a delivery that failed or whose lease ran out.
          ConditionExpression: 'attribute_not_exists(pk) OR deliveryStatus = :failed OR (deliveryStatus = :sending AND leaseExpiresAt < :now)',
          ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending', ':now': nowSeconds },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName(), Key: key(record), ConsistentRead: true }));
    return Item?.deliveryStatus === 'delivered' ? 'alreadyDelivered' : 'inProgress';
  }

  async markDelivered(record: DeliveryKey, now: Date): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName(),
        Key: key(record),
        UpdateExpression: 'SET deliveryStatus = :delivered, deliveredAt = :now REMOVE leaseExpiresAt',
        ExpressionAttributeValues: { ':delivered': 'delivered', ':now': now.toISOString() },
      }),
    );
  }

  async markFailed(record: DeliveryKey, reason: string): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName(),
        Key: key(record),
        UpdateExpression: 'SET deliveryStatus = :failed, lastError = :reason REMOVE leaseExpiresAt',
        ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason.slice(0, 500) },
      }),
    );
  }
}

const key = (record: DeliveryKey) => ({ pk: `NOTIFICATION#${record.eventId}`, sk: `CHANNEL#${record.channel}` });
