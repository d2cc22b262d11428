// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#dynamodb-streams.
import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';
import type { StreamConsumerSpec } from '#contracts/wiring';
import type { FunctionInvoker } from '../lambda/function-invoker';
import { LOCAL_REGION, localFunctionArn } from '../local-identity';
import { lambdaEventSourceArn } from './stream-lambda-record';
import { ShardReader, type DiscardedStreamBatch, type ShardReaderContext, type StreamRecordMatcher } from './stream-shard-reader';
import type { StreamPositions } from './stream-positions';
import type { TtlDeletionLedger } from './ttl-deletion-ledger';

export type { DiscardedStreamBatch, StreamBatchFailureRecord, StreamRecordMatcher } from './stream-shard-reader';

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  consumers: StreamConsumerSpec[];
  invoker: FunctionInvoker;
  /** EventBridge pattern matching over the Lambda-shaped record (Lambda event filtering's syntax). */
  matches: StreamRecordMatcher;
  /** How often an idle shard is read again and the shard list refreshed. Default 250 ms (Lambda polls about 4 times a second). */
  pollIntervalMs?: number;
  /** Pause before a failed batch is retried. Default 200 ms. */
  retryDelayMs?: number;
  /** The region named in records and eventSourceARN. Default: the local runtime's. */
  region?: string;
  /** Marks REMOVE records the TTL sweeper caused, as AWS marks TTL deletions. */
  ttlDeletions?: TtlDeletionLedger;
  /** Each consumer's position per shard, kept as it moves; a restart goes on after it (`--persist`). */
  positions?: StreamPositions;
  log?: (message: string) => void;
}

interface ConsumerState {
  spec: StreamConsumerSpec;
  readers: Map<string, ShardReader>;
  runs: Promise<void>[];
}

/**
 * The local stand-in for Lambda's DynamoDB event-source mappings: for each consumer it reads every
 * shard of the table's stream (parents before children, new shards as they appear), filters, batches
 * and invokes the consumer's function, one batch at a time per shard. See ShardReader for the rules
 * of one shard.
 */
export class StreamPoller {
  /** Batches given up on after their retries, oldest first, with the message AWS sends to the on-failure destination (no records). */
  readonly discarded: DiscardedStreamBatch[] = [];

  private readonly consumers: ConsumerState[];
  private readonly pollIntervalMs: number;
  private readonly log: (message: string) => void;
  private running = false;
  private tick = 0;
  private discoveredTick = -1;
  private discovery: Promise<void> | undefined;
  private readonly sleepers = new Set<() => void>();
  private idleWaiters: { since: number; resolve: () => void }[] = [];
  private lastDiscoveryError = '';

  constructor(private readonly options: StreamPollerOptions) {
    this.consumers = options.consumers.map((spec) => ({ spec, readers: new Map(), runs: [] }));
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** Resolves once every consumer holds its starting position (so LATEST means "from now"). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.discoverShards(true);
    } catch (error) {
      this.running = false;
      throw error;
    }
    this.discovery = this.keepDiscovering();
  }

  /** Stops reading; a batch in flight finishes first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const wake of this.sleepers) wake();
    await this.discovery;
    await Promise.all(this.consumers.flatMap((consumer) => consumer.runs));
    this.resolveIdleWaiters(() => true);
  }

  /**
   * Resolves when every shard has been read to its end after this call and no batch is in flight or
   * waiting (for its window or a retry). Resolves at once when the poller is not running.
   */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    const since = this.nextTick();
    return new Promise((resolve) => {
      this.idleWaiters.push({ since, resolve });
      this.checkIdle();
    });
  }

  private nextTick(): number {
    return ++this.tick;
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async keepDiscovering(): Promise<void> {
    while (this.running) {
      await this.sleep(this.pollIntervalMs);
      if (!this.running) break;
      try {
        await this.discoverShards(false);
        this.lastDiscoveryError = '';
      } catch (error) {
        const message = `Stream ${this.options.streamArn}: listing shards failed: ${error instanceof Error ? error.message : String(error)} (retrying)`;
        if (message !== this.lastDiscoveryError) this.log(message);
        this.lastDiscoveryError = message;
      }
    }
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /**
   * Adds a reader per consumer for each shard not seen yet, and starts every reader whose parent is
   * done (or unknown: trimmed away). At the mapping's start, LATEST applies to open shards and skips
   * closed ones; shards that appear later are read from their beginning, so nothing is lost.
   */
  private async discoverShards(initial: boolean): Promise<void> {
    const tick = this.nextTick();
    const shards = await this.listShards();
    const anchors: Promise<void>[] = [];
    for (const consumer of this.consumers) {
      for (const shard of shards) {
        if (!shard.ShardId || consumer.readers.has(shard.ShardId)) continue;
        const kept = this.options.positions?.of(consumer.spec.id, shard.ShardId);
        // A kept position wins over the starting position, as it does for a mapping that already ran.
        const latest = initial && consumer.spec.startingPosition === 'LATEST' && kept === undefined;
        const reader = new ShardReader(shard.ShardId, shard.ParentShardId, latest ? 'LATEST' : 'TRIM_HORIZON', this.readerContext(consumer.spec), kept);
        consumer.readers.set(shard.ShardId, reader);
        if (latest && shard.SequenceNumberRange?.EndingSequenceNumber) reader.skip();
        else if (latest) anchors.push(reader.openIterator());
      }
    }
    await Promise.all(anchors);
    if (!this.running) return;
    for (const consumer of this.consumers) this.startReadyReaders(consumer);
    this.discoveredTick = tick;
    this.checkIdle();
  }

  private startReadyReaders(consumer: ConsumerState): void {
    if (!this.running) return;
    for (const reader of consumer.readers.values()) {
      if (reader.started) continue;
      const parent = reader.parentShardId ? consumer.readers.get(reader.parentShardId) : undefined;
      if (parent && !parent.finished) continue;
      consumer.runs.push(reader.run());
    }
  }

  private readerContext(spec: StreamConsumerSpec): ShardReaderContext {
    const region = this.options.region ?? LOCAL_REGION;
    const consumer = (): ConsumerState => this.consumers.find((candidate) => candidate.spec === spec)!;
    return {
      client: this.options.client,
      streamArn: this.options.streamArn,
      eventSourceArn: lambdaEventSourceArn(this.options.streamArn, region),
      functionArn: localFunctionArn(spec.functionId),
      awsRegion: region,
      consumer: spec,
      invoker: this.options.invoker,
      matches: this.options.matches,
      isTtlDeletion: this.options.ttlDeletions ? (record) => this.options.ttlDeletions!.isTtlDeletion(record) : undefined,
      pollIntervalMs: this.pollIntervalMs,
      retryDelayMs: this.options.retryDelayMs ?? 200,
      nextTick: () => this.nextTick(),
      isRunning: () => this.running,
      sleep: (ms) => this.sleep(ms),
      onProgress: () => {
        // A parent that just finished lets its children start without waiting for the next listing.
        this.startReadyReaders(consumer());
        this.checkIdle();
      },
      onDiscard: (batch) => this.discarded.push(batch),
      onCheckpoint: (shardId, sequenceNumber) => this.options.positions?.record(spec.id, shardId, sequenceNumber),
      log: this.log,
    };
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0) return;
    const readers = this.consumers.flatMap((consumer) => [...consumer.readers.values()]);
    this.resolveIdleWaiters((since) => this.discoveredTick > since && readers.every((reader) => reader.finished || reader.drainedTick > since));
  }

  private resolveIdleWaiters(isIdleSince: (since: number) => boolean): void {
    const waiting: typeof this.idleWaiters = [];
    for (const waiter of this.idleWaiters) {
      if (isIdleSince(waiter.since)) waiter.resolve();
      else waiting.push(waiter);
    }
    this.idleWaiters = waiting;
  }
}
