import { randomUUID } from 'node:crypto';
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
  type DynamoDBStreamsClient,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamConsumerSpec } from '#contracts/wiring';
import type { FunctionInvoker, InvokeResult } from '../lambda/function-invoker';
import { interpretStreamBatchResult } from './stream-batch-outcome';
import { toLambdaStreamRecord, type LambdaStreamRecord } from './stream-lambda-record';

/**
 * What Lambda sends to a DynamoDB event source mapping's on-failure destination for a batch it gave up
 * on: metadata only, never the records. AWS docs, "Retaining discarded batches for a DynamoDB event
 * source in Lambda" (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). The
 * records stay in the stream for its 24 hours: docs/events.md, "When a stream batch is discarded",
 * reads them back from there.
 */
export interface StreamBatchFailureRecord {
  requestContext: { requestId: string; functionArn: string; condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError: 'Unhandled' };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** A batch Lambda gave up on (retries exhausted): the message its on-failure destination got, and why. */
export interface DiscardedStreamBatch {
  consumerId: string;
  functionId: string;
  /** The last failure, as `<errorType>: <errorMessage>` (in the function's logs on AWS, not in the message). */
  reason: string;
  /** Exactly what AWS sends to the destination queue. */
  destinationMessage: StreamBatchFailureRecord;
}

export type StreamRecordMatcher = (pattern: Record<string, unknown>, record: Record<string, unknown>) => boolean;

/** What a shard reader shares with the poller that owns it. */
export interface ShardReaderContext {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /** The ARN put in each record's eventSourceARN (and in a discarded batch's message). */
  eventSourceArn: string;
  /** The consumer's function, as a discarded batch's message names it. */
  functionArn: string;
  awsRegion: string;
  consumer: StreamConsumerSpec;
  invoker: FunctionInvoker;
  matches: StreamRecordMatcher;
  isTtlDeletion?: (record: StreamsRecord) => boolean;
  pollIntervalMs: number;
  retryDelayMs: number;
  /** A counter shared by the poller, to tell "drained after idle() was asked" from "drained before". */
  nextTick(): number;
  isRunning(): boolean;
  /** Resolves early when the poller stops. */
  sleep(ms: number): Promise<void>;
  onProgress(): void;
  onDiscard(batch: DiscardedStreamBatch): void;
  /** The consumer has processed this shard through `sequenceNumber` (its position, kept across restarts). */
  onCheckpoint?(shardId: string, sequenceNumber: string): void;
  log(message: string): void;
}

/** Lambda's invocation payload limit for synchronous invocations. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** DynamoDB Streams returns at most 1,000 records per GetRecords. */
const MAX_RECORDS_PER_READ = 1000;

/**
 * Reads one shard for one consumer, as one Lambda event-source-mapping shard poller does: records in
 * order, one batch in flight at a time, filtered before batching, the batching window, and the
 * failure rules (retries, bisection, partial batch responses, discarding when retries are exhausted).
 */
export class ShardReader {
  started = false;
  finished = false;
  /** Tick of the last read that found nothing new while nothing was left to deliver; -1 when busy. */
  drainedTick = -1;

  private buffer: LambdaStreamRecord[] = [];
  /** Sizes of the next batches, when a bisection or a partial response decided them. */
  private plan: number[] = [];
  /** The record at the head of the failing batch and how many failed invocations it has seen. */
  private head: { sequenceNumber: string; failures: number } | undefined;
  private windowOpenedAt = 0;
  private iterator: string | undefined;
  private closed = false;
  private lastReadSequenceNumber: string | undefined;
  private checkpointed: string | undefined;
  private lastError = '';

  constructor(
    readonly shardId: string,
    readonly parentShardId: string | undefined,
    private position: 'TRIM_HORIZON' | 'LATEST',
    private readonly context: ShardReaderContext,
    /** A position kept from an earlier run: reading goes on after it. */
    resumeAfter?: string,
  ) {
    this.lastReadSequenceNumber = resumeAfter;
    this.checkpointed = resumeAfter;
  }

  /** Takes the iterator now: a LATEST position means "from when the mapping started", not "from first read". */
  async openIterator(): Promise<void> {
    const type: ShardIteratorType = this.lastReadSequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : this.position;
    const response = await this.context.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.context.streamArn,
        ShardId: this.shardId,
        ShardIteratorType: type,
        SequenceNumber: this.lastReadSequenceNumber,
      }),
    );
    this.iterator = response.ShardIterator;
    if (!this.iterator) this.closed = true;
  }

  /** A shard the consumer will never read (closed before a LATEST mapping started). */
  skip(): void {
    this.started = true;
    this.finished = true;
  }

  async run(): Promise<void> {
    this.started = true;
    const { context } = this;
    while (context.isRunning() && !this.finished) {
      try {
        await this.step();
        this.lastError = '';
      } catch (error) {
        if (!this.recover(error)) {
          const message = `Stream consumer ${context.consumer.id}, shard ${this.shardId}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
          if (message !== this.lastError) context.log(`${message} (retrying)`);
          this.lastError = message;
          await context.sleep(context.pollIntervalMs * 4);
        }
      }
    }
    context.onProgress();
  }

  /** Errors a shard poller handles by repositioning. */
  private recover(error: unknown): boolean {
    if (error instanceof ExpiredIteratorException) {
      this.iterator = undefined;
      return true;
    }
    if (error instanceof TrimmedDataAccessException) {
      this.context.log(`Stream consumer ${this.context.consumer.id}, shard ${this.shardId}: records were trimmed; reading from the oldest one left.`);
      this.iterator = undefined;
      this.lastReadSequenceNumber = undefined;
      this.position = 'TRIM_HORIZON';
      return true;
    }
    if (error instanceof ResourceNotFoundException) {
      this.context.log(`Stream consumer ${this.context.consumer.id}, shard ${this.shardId}: the shard is gone (${error.message}); stopped reading it.`);
      this.finished = true;
      return true;
    }
    return false;
  }

  private async step(): Promise<void> {
    const { context } = this;
    let readNothing = false;
    let tick = -1;
    if (!this.closed && this.buffer.length < context.consumer.batchSize) {
      if (!this.iterator) await this.openIterator();
      tick = context.nextTick();
      const records = await this.read();
      readNothing = records.length === 0;
      this.accept(records);
      // Everything read was filtered out or delivered: the position moves past it.
      if (this.buffer.length === 0) this.checkpoint(undefined);
    }

    while (this.buffer.length > 0 && context.isRunning() && this.dueForDelivery()) {
      await this.deliverOneBatch();
    }

    if (this.closed && this.buffer.length === 0) {
      this.finished = true;
      context.onProgress();
      return;
    }
    if (readNothing && this.buffer.length === 0) {
      this.drainedTick = tick;
      context.onProgress();
      await context.sleep(context.pollIntervalMs);
    } else if (this.buffer.length > 0) {
      // Records wait for the batching window (or a retry): read again soon, but do not spin.
      await context.sleep(Math.min(context.pollIntervalMs, Math.max(1, this.windowRemainingMs())));
    }
  }

  private async read(): Promise<StreamsRecord[]> {
    const response = await this.context.client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: MAX_RECORDS_PER_READ }));
    this.iterator = response.NextShardIterator;
    // No next iterator: the shard is closed and we have read all of it.
    if (!this.iterator) this.closed = true;
    const records = response.Records ?? [];
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) this.lastReadSequenceNumber = last;
    return records;
  }

  /** Filtering happens before batching: dropped records count toward nothing, as in Lambda. */
  private accept(records: StreamsRecord[]): void {
    const { context } = this;
    const patterns = context.consumer.filterPatterns ?? [];
    if (records.length > 0) this.drainedTick = -1;
    for (const record of records) {
      const lambdaRecord = toLambdaStreamRecord(record, {
        eventSourceArn: context.eventSourceArn,
        awsRegion: context.awsRegion,
        isTtlDeletion: context.isTtlDeletion?.(record),
      });
      if (patterns.length > 0 && !patterns.some((pattern) => this.matches(pattern, lambdaRecord))) continue;
      if (this.buffer.length === 0) this.windowOpenedAt = Date.now();
      this.buffer.push(lambdaRecord);
    }
  }

  private matches(pattern: Record<string, unknown>, record: LambdaStreamRecord): boolean {
    try {
      return this.context.matches(pattern, record as unknown as Record<string, unknown>);
    } catch (error) {
      this.context.log(`Stream consumer ${this.context.consumer.id}: filter pattern ${JSON.stringify(pattern)} failed (${String(error)}); record dropped.`);
      return false;
    }
  }

  private windowRemainingMs(): number {
    return this.windowOpenedAt + this.context.consumer.maxBatchingWindowSeconds * 1000 - Date.now();
  }

  private dueForDelivery(): boolean {
    return (
      this.closed || this.plan.length > 0 || this.head !== undefined || this.buffer.length >= this.context.consumer.batchSize || this.windowRemainingMs() <= 0
    );
  }

  /** The next batch: the planned size or batchSize, cut short before the payload would pass 6 MB. */
  private nextBatch(): LambdaStreamRecord[] {
    const size = Math.min(this.plan[0] ?? this.context.consumer.batchSize, this.buffer.length);
    let bytes = '{"Records":[]}'.length;
    let count = 0;
    while (count < size) {
      bytes += Buffer.byteLength(JSON.stringify(this.buffer[count])) + 1;
      if (count > 0 && bytes > MAX_PAYLOAD_BYTES) break;
      count++;
    }
    return this.buffer.slice(0, count);
  }

  /**
   * `throttled` when Lambda refused the invocation for want of concurrency: the mapping tries the same
   * batch again later, and that does not count against retryAttempts, which count function errors
   * (AWS docs, "Using AWS Lambda with Amazon DynamoDB", error handling: a throttled function is retried
   * until the records expire).
   */
  private async invoke(batch: LambdaStreamRecord[]): Promise<InvokeResult | 'throttled'> {
    try {
      return await this.context.invoker.invoke(this.context.consumer.functionId, { Records: batch });
    } catch (error) {
      if ((error as { code?: string }).code === 'TooManyRequestsException') return 'throttled';
      return { ok: false, durationMs: 0, error: { errorType: 'InvokeError', errorMessage: String(error) } };
    }
  }

  private async deliverOneBatch(): Promise<void> {
    const { consumer } = this.context;
    const batch = this.nextBatch();
    if (this.head?.sequenceNumber !== batch[0]!.dynamodb.SequenceNumber) this.head = undefined;
    const result = await this.invoke(batch);
    if (result === 'throttled') {
      await this.context.sleep(this.context.retryDelayMs);
      return;
    }
    const outcome = interpretStreamBatchResult(
      result,
      batch.map((record) => record.dynamodb.SequenceNumber),
    );

    if (outcome.kind === 'success') {
      this.checkpoint(this.buffer.splice(0, batch.length).at(-1));
      this.plan.shift();
      this.head = undefined;
    } else if (outcome.kind === 'partialFailure') {
      // Checkpoint before the lowest failed record; retry from it.
      const failed = batch[outcome.failedIndex]!;
      this.checkpoint(this.buffer.splice(0, outcome.failedIndex).at(-1));
      const failures = this.head?.sequenceNumber === failed.dynamodb.SequenceNumber ? this.head.failures + 1 : 1;
      this.head = { sequenceNumber: failed.dynamodb.SequenceNumber, failures };
      const remaining = batch.length - outcome.failedIndex;
      if (this.exhausted(failures)) {
        this.discard(this.buffer.splice(0, remaining), failures, 'partial batch failure');
      } else {
        // With bisection Lambda retries only the rest of this batch; without, it re-reads from the checkpoint.
        this.plan = consumer.bisectBatchOnError ? [remaining, ...this.plan.slice(1)] : [];
        await this.context.sleep(this.context.retryDelayMs);
      }
    } else if (consumer.bisectBatchOnError && batch.length > 1) {
      // Split and retry each half. A split is not a retry: only failures of a batch that cannot be
      // split further count against retryAttempts, so one bad record does not take its neighbours down.
      const half = Math.ceil(batch.length / 2);
      this.plan = [half, batch.length - half, ...this.plan.slice(1)];
      this.head = { sequenceNumber: batch[0]!.dynamodb.SequenceNumber, failures: this.head?.failures ?? 0 };
      await this.context.sleep(this.context.retryDelayMs);
    } else {
      const failures = (this.head?.failures ?? 0) + 1;
      this.head = { sequenceNumber: batch[0]!.dynamodb.SequenceNumber, failures };
      if (this.exhausted(failures)) {
        this.discard(this.buffer.splice(0, batch.length), failures, outcome.reason);
      } else {
        await this.context.sleep(this.context.retryDelayMs);
      }
    }
    // The next batching window starts when the previous invocation completes.
    if (this.buffer.length > 0) this.windowOpenedAt = Date.now();
    this.context.onProgress();
  }

  /**
   * Records the position after a record left the buffer (`done`: the last one that did). With the
   * buffer empty, everything read so far is processed, filtered-out records included.
   */
  private checkpoint(done: LambdaStreamRecord | undefined): void {
    const sequenceNumber = this.buffer.length === 0 ? this.lastReadSequenceNumber : done?.dynamodb.SequenceNumber;
    if (!sequenceNumber || sequenceNumber === this.checkpointed) return;
    this.checkpointed = sequenceNumber;
    this.context.onCheckpoint?.(this.shardId, sequenceNumber);
  }

  /** retryAttempts -1 means "until the record expires", as in AWS. */
  private exhausted(failures: number): boolean {
    const allowed = this.context.consumer.retryAttempts;
    return allowed >= 0 && failures > allowed;
  }

  private discard(records: LambdaStreamRecord[], failedAttempts: number, reason: string): void {
    const { context } = this;
    this.checkpoint(records.at(-1));
    this.plan.shift();
    this.head = undefined;
    const arrival = (record: LambdaStreamRecord | undefined) =>
      new Date((record?.dynamodb.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const batchInfo = {
      shardId: this.shardId,
      startSequenceNumber: records[0]?.dynamodb.SequenceNumber ?? '',
      endSequenceNumber: records.at(-1)?.dynamodb.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: arrival(records[0]),
      approximateArrivalOfLastRecord: arrival(records.at(-1)),
      batchSize: records.length,
      streamArn: context.eventSourceArn,
    };
    const discarded: DiscardedStreamBatch = {
      consumerId: context.consumer.id,
      functionId: context.consumer.functionId,
      reason,
      destinationMessage: {
        requestContext: {
          requestId: randomUUID(),
          functionArn: context.functionArn,
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: failedAttempts,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: new Date().toISOString(),
        DDBStreamBatchInfo: batchInfo,
      },
    };
    context.log(
      `Stream consumer ${discarded.consumerId} (${discarded.functionId}) gave up on ${records.length} record(s) ` +
        `${batchInfo.startSequenceNumber}..${batchInfo.endSequenceNumber} of shard ${this.shardId} after ${failedAttempts} failed attempt(s): ${reason}`,
    );
    context.onDiscard(discarded);
  }
}
