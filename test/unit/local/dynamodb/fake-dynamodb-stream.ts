import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';

/**
 * An in-memory DynamoDB Streams API with shards the test controls (lineage, closing, new shards),
 * answering the three calls the poller makes.
 */
export class FakeDynamoDbStream {
  readonly shards: { shardId: string; parentShardId?: string; records: _Record[]; closed: boolean }[] = [];
  /** Make the next GetRecords on this shard fail with ExpiredIteratorException. */
  expireNextIterator = new Set<string>();
  private sequence = 0;

  constructor(readonly streamArn = 'arn:aws:dynamodb:ddblocal:000000000000:table/orders/stream/2024-01-01T00:00:00.000') {}

  addShard(shardId: string, parentShardId?: string): this {
    this.shards.push({ shardId, parentShardId, records: [], closed: false });
    return this;
  }

  closeShard(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  /** Appends a record; its sequence number grows across the whole stream, as in DynamoDB. */
  write(shardId: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', pk: string, extra: Record<string, unknown> = {}): string {
    const sequenceNumber = String(++this.sequence).padStart(21, '0');
    const keys = { pk: { S: pk }, sk: { S: 'A' } };
    this.shard(shardId).records.push({
      eventID: `event-${this.sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2024-03-13T10:07:00Z'),
        Keys: keys,
        ...(eventName !== 'REMOVE' && { NewImage: { ...keys, ...extra } }),
        ...(eventName !== 'INSERT' && { OldImage: keys }),
        SequenceNumber: sequenceNumber,
        SizeBytes: 20,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    } as _Record);
    return sequenceNumber;
  }

  client(): DynamoDBStreamsClient {
    return { send: async (command: unknown) => this.handle(command) } as unknown as DynamoDBStreamsClient;
  }

  private shard(shardId: string) {
    const shard = this.shards.find((candidate) => candidate.shardId === shardId);
    if (!shard) throw new Error(`no shard ${shardId}`);
    return shard;
  }

  private handle(command: unknown): unknown {
    if (command instanceof DescribeStreamCommand) {
      return {
        StreamDescription: {
          StreamArn: this.streamArn,
          Shards: this.shards.map((shard) => ({
            ShardId: shard.shardId,
            ParentShardId: shard.parentShardId,
            SequenceNumberRange: {
              StartingSequenceNumber: shard.records[0]?.dynamodb?.SequenceNumber ?? '0',
              EndingSequenceNumber: shard.closed ? (shard.records.at(-1)?.dynamodb?.SequenceNumber ?? '0') : undefined,
            },
          })),
        },
      };
    }
    if (command instanceof GetShardIteratorCommand) {
      const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
      const shard = this.shard(ShardId!);
      const indexOf = (sequence: string | undefined) => shard.records.findIndex((record) => record.dynamodb?.SequenceNumber === sequence);
      const position =
        ShardIteratorType === 'TRIM_HORIZON'
          ? 0
          : ShardIteratorType === 'LATEST'
            ? shard.records.length
            : ShardIteratorType === 'AT_SEQUENCE_NUMBER'
              ? indexOf(SequenceNumber)
              : indexOf(SequenceNumber) + 1;
      return { ShardIterator: `${ShardId}|${position}` };
    }
    if (command instanceof GetRecordsCommand) {
      const [shardId, positionText] = command.input.ShardIterator!.split('|');
      if (this.expireNextIterator.delete(shardId!)) throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
      const shard = this.shard(shardId!);
      const position = Number(positionText);
      const records = shard.records.slice(position, position + (command.input.Limit ?? 1000));
      const nextPosition = position + records.length;
      const done = shard.closed && nextPosition >= shard.records.length;
      return { Records: records, NextShardIterator: done ? undefined : `${shardId}|${nextPosition}` };
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  }
}

type Batch = { Records: { eventName: string; dynamodb: { SequenceNumber: string; Keys: { pk: { S: string } } } }[] };

/** Records every batch; `respond` decides each invocation's result (default: success). */
export class RecordingStreamInvoker implements FunctionInvoker {
  readonly batches: { functionId: string; pks: string[]; sequenceNumbers: string[]; event: Batch }[] = [];

  constructor(public respond: (event: Batch, attempt: number) => InvokeResult | Promise<InvokeResult> = () => ok()) {}

  async invoke(functionId: string, event: unknown): Promise<InvokeResult> {
    const batch = event as Batch;
    this.batches.push({
      functionId,
      pks: batch.Records.map((record) => record.dynamodb.Keys.pk.S),
      sequenceNumbers: batch.Records.map((record) => record.dynamodb.SequenceNumber),
      event: batch,
    });
    return this.respond(batch, this.batches.length);
  }

  pks(): string[][] {
    return this.batches.map((batch) => batch.pks);
  }
}

export const ok = (payload: unknown = null): InvokeResult => ({ ok: true, payload, durationMs: 1 });
export const functionError = (message = 'boom'): InvokeResult => ({ ok: false, durationMs: 1, error: { errorType: 'Error', errorMessage: message } });
export const failedItems = (...sequenceNumbers: string[]): InvokeResult =>
  ok({ batchItemFailures: sequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })) });
