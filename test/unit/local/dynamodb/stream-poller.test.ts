import type { StreamConsumerSpec } from '#contracts/wiring';
import { LocalServiceError } from '#local/aws-api/service-error';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamPoller, type StreamPollerOptions } from '#local/dynamodb/stream-poller';
import { StreamPositions } from '#local/dynamodb/stream-positions';
import { TtlDeletionLedger } from '#local/dynamodb/ttl-deletion-ledger';
import { failedItems, FakeDynamoDbStream, functionError, ok, RecordingStreamInvoker } from './fake-dynamodb-stream';

const consumer = (overrides: Partial<StreamConsumerSpec> = {}): StreamConsumerSpec => ({
  id: 'projector',
  functionId: 'projectOrder',
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  startingPosition: 'TRIM_HORIZON',
  retryAttempts: 2,
  bisectBatchOnError: false,
  ...overrides,
});

/** A tiny stand-in for the EventBridge matcher: top-level fields, lists of allowed values. */
const tinyMatcher = (pattern: Record<string, unknown>, record: Record<string, unknown>): boolean =>
  Object.entries(pattern).every(([field, allowed]) => Array.isArray(allowed) && allowed.includes(record[field]));

let poller: StreamPoller | undefined;

function startPoller(stream: FakeDynamoDbStream, invoker: RecordingStreamInvoker, consumers: StreamConsumerSpec[], extra: Partial<StreamPollerOptions> = {}) {
  poller = new StreamPoller({
    client: stream.client(),
    streamArn: stream.streamArn,
    consumers,
    invoker,
    matches: tinyMatcher,
    pollIntervalMs: 5,
    retryDelayMs: 1,
    log: () => undefined,
    ...extra,
  });
  return poller;
}

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe('StreamPoller batching', () => {
  it('delivers every record in order, in batches of at most batchSize, as Lambda shapes them', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    for (let i = 1; i <= 7; i++) stream.write('shard-1', 'INSERT', `p${i}`);
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ batchSize: 3 })]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([['p1', 'p2', 'p3'], ['p4', 'p5', 'p6'], ['p7']]);
    expect(invoker.batches[0]!.functionId).toBe('projectOrder');
    expect(invoker.batches[0]!.event.Records[0]).toEqual({
      eventID: 'event-1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2024-03-13T10:07:00Z') / 1000,
        Keys: { pk: { S: 'p1' }, sk: { S: 'A' } },
        NewImage: { pk: { S: 'p1' }, sk: { S: 'A' } },
        SequenceNumber: '000000000000000000001',
        SizeBytes: 20,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-01-01T00:00:00.000',
    });
  });

  it('keeps reading: records written after start arrive, and idle() waits for them', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer()]);
    await p.start();
    await p.idle();
    expect(invoker.batches).toHaveLength(0);
    stream.write('shard-1', 'INSERT', 'late');
    await p.idle();
    expect(invoker.pks()).toEqual([['late']]);
  });

  it('idle() waits for the batch in flight', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'slow');
    let finished = false;
    const invoker = new RecordingStreamInvoker(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      finished = true;
      return ok();
    });
    const p = startPoller(stream, invoker, [consumer()]);
    await p.start();
    await p.idle();
    expect(finished).toBe(true);
  });

  it('waits up to maxBatchingWindowSeconds to fill a batch, but not once batchSize is reached', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    stream.write('shard-1', 'INSERT', 'b');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ batchSize: 3, maxBatchingWindowSeconds: 1 })]);
    const started = Date.now();
    await p.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(invoker.batches).toHaveLength(0);
    stream.write('shard-1', 'INSERT', 'c');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(invoker.pks()).toEqual([['a', 'b', 'c']]);
    stream.write('shard-1', 'INSERT', 'd');
    await p.idle();
    expect(invoker.pks()).toEqual([['a', 'b', 'c'], ['d']]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('drops records that match no filter pattern before batching', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    stream.write('shard-1', 'MODIFY', 'a');
    stream.write('shard-1', 'INSERT', 'b');
    stream.write('shard-1', 'REMOVE', 'a');
    stream.write('shard-1', 'INSERT', 'c');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ batchSize: 2, filterPatterns: [{ eventName: ['INSERT'] }, { eventName: ['REMOVE'] }] })]);
    await p.start();
    await p.idle();
    expect(invoker.batches.map((batch) => batch.event.Records.map((record) => `${record.eventName}:${record.dynamodb.Keys.pk.S}`))).toEqual([
      ['INSERT:a', 'INSERT:b'],
      ['REMOVE:a', 'INSERT:c'],
    ]);
  });

  it('feeds each consumer separately', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    stream.write('shard-1', 'REMOVE', 'a');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [
      consumer({ id: 'all', functionId: 'audit' }),
      consumer({ id: 'removals', functionId: 'cleanup', filterPatterns: [{ eventName: ['REMOVE'] }] }),
    ]);
    await p.start();
    await p.idle();
    const byFunction = (id: string) => invoker.batches.filter((batch) => batch.functionId === id).map((batch) => batch.pks);
    expect(byFunction('audit')).toEqual([['a', 'a']]);
    expect(byFunction('cleanup')).toEqual([['a']]);
  });
});

describe('StreamPoller shards', () => {
  it('reads a parent shard to its end before its child, whatever order the shards are listed in', async () => {
    const stream = new FakeDynamoDbStream().addShard('child', 'parent').addShard('parent');
    stream.write('parent', 'INSERT', 'p1');
    stream.write('parent', 'MODIFY', 'p1');
    stream.closeShard('parent');
    stream.write('child', 'MODIFY', 'p1');
    stream.write('child', 'REMOVE', 'p1');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ batchSize: 1 })]);
    await p.start();
    await p.idle();
    expect(invoker.batches.map((batch) => batch.event.Records[0]!.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY', 'REMOVE']);
    expect(invoker.batches.flatMap((batch) => batch.sequenceNumbers)).toEqual(['1', '2', '3', '4'].map((n) => n.padStart(21, '0')));
  });

  it('picks up a shard that appears while running, from its first record', async () => {
    const stream = new FakeDynamoDbStream().addShard('first');
    stream.write('first', 'INSERT', 'a');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ startingPosition: 'LATEST' })]);
    await p.start();
    stream.write('first', 'INSERT', 'b');
    stream.closeShard('first');
    stream.addShard('second', 'first');
    stream.write('second', 'INSERT', 'c');
    await p.idle();
    expect(invoker.pks()).toEqual([['b'], ['c']]);
  });

  it('LATEST skips what was written before start() and shards already closed', async () => {
    const stream = new FakeDynamoDbStream().addShard('old').addShard('current', 'old');
    stream.write('old', 'INSERT', 'before1');
    stream.closeShard('old');
    stream.write('current', 'INSERT', 'before2');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer({ startingPosition: 'LATEST' })]);
    await p.start();
    stream.write('current', 'INSERT', 'after');
    await p.idle();
    expect(invoker.pks()).toEqual([['after']]);
  });

  it('takes a fresh iterator after the last record read when one expires', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer()]);
    await p.start();
    await p.idle();
    stream.expireNextIterator.add('shard-1');
    stream.write('shard-1', 'INSERT', 'b');
    await p.idle();
    expect(invoker.pks()).toEqual([['a'], ['b']]);
  });

  it('marks REMOVE records of TTL deletions with the TTL service identity', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const ledger = new TtlDeletionLedger();
    ledger.expect({ pk: { S: 'expired' }, sk: { S: 'A' } });
    stream.write('shard-1', 'REMOVE', 'deleted-by-user');
    stream.write('shard-1', 'REMOVE', 'expired');
    const invoker = new RecordingStreamInvoker();
    const p = startPoller(stream, invoker, [consumer(), consumer({ id: 'second', functionId: 'other' })], { ttlDeletions: ledger });
    await p.start();
    await p.idle();
    for (const batch of invoker.batches) {
      expect(batch.event.Records.map((record) => (record as { userIdentity?: unknown }).userIdentity)).toEqual([
        undefined,
        { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      ]);
    }
    expect(invoker.batches).toHaveLength(2);
  });
});

describe('StreamPoller failures', () => {
  it('ReportBatchItemFailures: checkpoints before the lowest failed record and redelivers from it', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const sequence = ['a', 'b', 'c', 'd'].map((pk) => stream.write('shard-1', 'INSERT', pk));
    const invoker = new RecordingStreamInvoker((_event, attempt) => (attempt === 1 ? failedItems(sequence[3]!, sequence[1]!) : ok()));
    const p = startPoller(stream, invoker, [consumer()]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([
      ['a', 'b', 'c', 'd'],
      ['b', 'c', 'd'],
    ]);
    expect(p.discarded).toEqual([]);
  });

  it('treats an unknown or empty itemIdentifier as a failure of the whole batch', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    stream.write('shard-1', 'INSERT', 'b');
    const invoker = new RecordingStreamInvoker((_event, attempt) =>
      attempt === 1 ? failedItems('not-a-sequence-number') : attempt === 2 ? failedItems('') : ok({ batchItemFailures: [] }),
    );
    const p = startPoller(stream, invoker, [consumer()]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('retries a failed batch, in order, until it succeeds', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    stream.write('shard-1', 'INSERT', 'b');
    const invoker = new RecordingStreamInvoker((_event, attempt) => (attempt <= 2 ? functionError() : ok()));
    const p = startPoller(stream, invoker, [consumer({ batchSize: 1, retryAttempts: 2 })]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([['a'], ['a'], ['a'], ['b']]);
    expect(p.discarded).toEqual([]);
  });

  it('discards a batch once retryAttempts are used up, sends its metadata (never its records) to the on-failure destination, and moves on', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    for (const pk of ['a', 'b', 'c']) stream.write('shard-1', 'INSERT', pk);
    const log: string[] = [];
    const invoker = new RecordingStreamInvoker((event) => (event.Records.some((r) => r.dynamodb.Keys.pk.S === 'a') ? functionError('cannot project a') : ok()));
    const p = startPoller(stream, invoker, [consumer({ batchSize: 2, retryAttempts: 1 })], { log: (m) => log.push(m) });
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([['a', 'b'], ['a', 'b'], ['c']]);
    expect(p.discarded).toHaveLength(1);
    expect(p.discarded[0]).toEqual({
      consumerId: 'projector',
      functionId: 'projectOrder',
      reason: 'Error: cannot project a',
      // The shape of AWS's message (services-dynamodb-errors): where the batch was, not what it held.
      destinationMessage: {
        requestContext: {
          requestId: expect.any(String),
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:projectOrder',
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 2,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        DDBStreamBatchInfo: {
          shardId: 'shard-1',
          startSequenceNumber: '000000000000000000001',
          endSequenceNumber: '000000000000000000002',
          approximateArrivalOfFirstRecord: '2024-03-13T10:07:00Z',
          approximateArrivalOfLastRecord: '2024-03-13T10:07:00Z',
          batchSize: 2,
          streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-01-01T00:00:00.000',
        },
      },
    });
    expect(JSON.stringify(p.discarded[0]!.destinationMessage)).not.toContain('NewImage');
    expect(log.join('\n')).toContain('gave up on 2 record(s)');
  });

  it('a partial failure that keeps failing is discarded from the failed record on', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const sequence = ['a', 'b', 'c'].map((pk) => stream.write('shard-1', 'INSERT', pk));
    const invoker = new RecordingStreamInvoker(() => failedItems(sequence[1]!));
    const p = startPoller(stream, invoker, [consumer({ retryAttempts: 1 })]);
    await p.start();
    await p.idle();
    // The first failure checkpoints after a; b then fails once more, the limit of one retry.
    expect(invoker.pks()).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(
      p.discarded.map(({ destinationMessage: { DDBStreamBatchInfo: info } }) => [info.startSequenceNumber, info.endSequenceNumber, info.batchSize]),
    ).toEqual([[sequence[1], sequence[2], 2]]);
  });

  it('bisectBatchOnError splits a failing batch until the bad record stands alone', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const sequence = ['a', 'b', 'c', 'd'].map((pk) => stream.write('shard-1', 'INSERT', pk));
    const invoker = new RecordingStreamInvoker((event) => (event.Records.some((r) => r.dynamodb.Keys.pk.S === 'c') ? functionError('poison') : ok()));
    const p = startPoller(stream, invoker, [consumer({ bisectBatchOnError: true, retryAttempts: 0 })]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
    expect(
      p.discarded.map(({ destinationMessage: { DDBStreamBatchInfo: info } }) => [info.startSequenceNumber, info.endSequenceNumber, info.batchSize]),
    ).toEqual([[sequence[2], sequence[2], 1]]);
  });

  it('with bisection, a partial failure retries only the rest of that batch', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    const sequence = ['a', 'b', 'c'].map((pk) => stream.write('shard-1', 'INSERT', pk));
    const invoker = new RecordingStreamInvoker((_event, attempt) => (attempt === 1 ? failedItems(sequence[1]!) : ok()));
    const p = startPoller(stream, invoker, [consumer({ batchSize: 2, bisectBatchOnError: true })]);
    await p.start();
    await p.idle();
    expect(invoker.pks()).toEqual([['a', 'b'], ['b'], ['c']]);
  });

  it('a throttled invocation is tried again without counting against retryAttempts', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    let throttles = 0;
    const invoker = new RecordingStreamInvoker(async () => {
      if (throttles < 5) {
        throttles += 1;
        throw new LocalServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
      }
      return ok();
    });
    const p = startPoller(stream, invoker, [consumer({ retryAttempts: 1 })]);
    await p.start();
    await p.idle();
    expect(throttles).toBe(5);
    expect(invoker.pks().at(-1)).toEqual(['a']);
    expect(p.discarded).toEqual([]);
  });

  it('stop() does not wait for a batch retrying forever (retryAttempts -1)', async () => {
    const stream = new FakeDynamoDbStream().addShard('shard-1');
    stream.write('shard-1', 'INSERT', 'a');
    const invoker = new RecordingStreamInvoker(() => functionError());
    const p = startPoller(stream, invoker, [consumer({ retryAttempts: -1 })]);
    await p.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await p.stop();
    expect(invoker.batches.length).toBeGreaterThan(3);
    expect(p.discarded).toEqual([]);
  });
});

describe('StreamPoller positions (a restart with --persist)', () => {
  it('goes on after the last record each consumer processed, filtered-out ones included: nothing is delivered twice, nothing skipped', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'stream-positions-'));
    try {
      const stream = new FakeDynamoDbStream().addShard('shard-1');
      stream.write('shard-1', 'INSERT', 'p1');
      stream.write('shard-1', 'INSERT', 'p2');
      stream.write('shard-1', 'REMOVE', 'p3');
      const inserts = consumer({ filterPatterns: [{ eventName: ['INSERT'] }] });
      // LATEST applies only to a mapping's first start: a kept position wins after a restart.
      const latest = consumer({ id: 'latest', functionId: 'fromNow', startingPosition: 'LATEST' });
      const first = new RecordingStreamInvoker();
      const before = startPoller(stream, first, [inserts, latest], { positions: new StreamPositions(folder) });
      await before.start();
      stream.write('shard-1', 'INSERT', 'p4');
      await before.idle();
      await before.stop();
      expect(
        first.batches.filter((batch) => batch.functionId === 'projectOrder').flatMap((batch) => batch.event.Records.map((r) => r.dynamodb.Keys!.pk!.S)),
      ).toEqual(['p1', 'p2', 'p4']);
      expect(
        first.batches.filter((batch) => batch.functionId === 'fromNow').flatMap((batch) => batch.event.Records.map((r) => r.dynamodb.Keys!.pk!.S)),
      ).toEqual(['p4']);

      stream.write('shard-1', 'INSERT', 'p5');
      const second = new RecordingStreamInvoker();
      const after = startPoller(stream, second, [inserts, latest], { positions: new StreamPositions(folder) });
      await after.start();
      await after.idle();
      expect(second.batches.map((batch) => [batch.functionId, batch.event.Records.map((r) => r.dynamodb.Keys!.pk!.S)])).toEqual(
        expect.arrayContaining([
          ['projectOrder', ['p5']],
          ['fromNow', ['p5']],
        ]),
      );
      expect(second.batches).toHaveLength(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
