import { ConditionalCheckFailedException, DeleteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '#contracts/wiring';
import type { TtlDeletionLedger } from './ttl-deletion-ledger';

export interface TtlSweeperOptions {
  client: DynamoDBClient;
  tableName: string;
  design: Pick<TableDesign, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute'>;
  /** Time between sweeps. Default 30 s (AWS takes up to a few days; locally sooner is more useful). */
  intervalMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Told about each deletion, so the stream poller can mark the REMOVE as a TTL deletion. */
  ledger?: TtlDeletionLedger;
  log?: (message: string) => void;
}

/** AWS leaves items alone whose expiry is more than five years in the past (likely a unit mistake). */
const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

/**
 * DynamoDB Local accepts UpdateTimeToLive but never deletes expired items (AWS documents: "TTL is not
 * supported on DynamoDB local"). This does what AWS's TTL process does: it finds items whose TTL
 * attribute is a Number of epoch seconds in the past, and deletes each one only if it is still expired
 * at that moment (a condition), so the stream carries the same REMOVE record (with the old image).
 */
export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: TtlSweeperOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow sweep is not overlapped by the next
      this.sweep().catch((error: unknown) => this.log(`TTL sweep of ${this.options.tableName} failed: ${String(error)}`));
    }, this.options.intervalMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the table; resolves with how many items it deleted. */
  sweep(): Promise<number> {
    if (!this.running) {
      this.running = this.sweepOnce().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private expiryCondition() {
    const nowSeconds = Math.floor(this.now() / 1000);
    return {
      expression: '#ttl < :now AND #ttl >= :oldest',
      names: { '#ttl': this.options.design.timeToLiveAttribute },
      values: { ':now': { N: String(nowSeconds) }, ':oldest': { N: String(nowSeconds - FIVE_YEARS_SECONDS) } },
    };
  }

  private async sweepOnce(): Promise<number> {
    const { client, tableName, design, ledger } = this.options;
    let deleted = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const found = this.expiryCondition();
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          // A Number comparison: items whose attribute is missing or not a Number never match, as in AWS.
          FilterExpression: found.expression,
          ProjectionExpression: '#pk, #sk',
          ExpressionAttributeNames: { ...found.names, '#pk': design.partitionKey, '#sk': design.sortKey },
          ExpressionAttributeValues: found.values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const key of page.Items ?? []) {
        const stillExpired = this.expiryCondition();
        const withdraw = ledger?.expect(key);
        try {
          await client.send(
            new DeleteItemCommand({
              TableName: tableName,
              Key: key,
              ConditionExpression: stillExpired.expression,
              ExpressionAttributeNames: stillExpired.names,
              ExpressionAttributeValues: stillExpired.values,
            }),
          );
          deleted++;
        } catch (error) {
          withdraw?.();
          // Updated or deleted since the scan: no longer ours to expire.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return deleted;
  }
}
