import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { tableDesign } from '#contracts/table-design';
import type { StreamConsumerSpec } from '#contracts/wiring';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import { StreamPoller, type StreamPollerOptions } from '#local/dynamodb/stream-poller';
import { provisionTable } from '#local/dynamodb/table-provisioner';
import { TtlDeletionLedger } from '#local/dynamodb/ttl-deletion-ledger';
import { TtlSweeper } from '#local/dynamodb/ttl-sweeper';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';

jest.setTimeout(60_000);

type StreamEvent = {
  Records: {
    eventName: string;
    eventSourceARN: string;
    awsRegion: string;
    userIdentity?: unknown;
    dynamodb: { Keys: Record<string, { S: string }>; NewImage?: Record<string, { S?: string }>; OldImage?: Record<string, unknown>; SequenceNumber: string };
  }[];
};

class RecordingInvoker implements FunctionInvoker {
  readonly events: StreamEvent[] = [];
  constructor(private readonly respond: (event: StreamEvent, call: number) => unknown = () => null) {}
  async invoke(_functionId: string, event: unknown): Promise<InvokeResult> {
    this.events.push(event as StreamEvent);
    return { ok: true, payload: this.respond(event as StreamEvent, this.events.length), durationMs: 1 };
  }
  /** Each batch as `EVENT:pk` strings. */
  batches(): string[][] {
    return this.events.map((event) => event.Records.map((record) => `${record.eventName}:${record.dynamodb.Keys.pk!.S}`));
  }
}

let dynamodb: DynamoDbLocal;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let poller: StreamPoller | undefined;
let tables = 0;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
  streams = new DynamoDBStreamsClient(localDynamoDbClientConfig(dynamodb.endpoint));
});

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

afterAll(async () => {
  client?.destroy();
  streams?.destroy();
  await dynamodb?.stop();
});

const consumer = (overrides: Partial<StreamConsumerSpec> = {}): StreamConsumerSpec => ({
  id: 'orderProjection',
  functionId: 'projectOrders',
  batchSize: 2,
  maxBatchingWindowSeconds: 0,
  startingPosition: 'TRIM_HORIZON',
  retryAttempts: 3,
  bisectBatchOnError: false,
  ...overrides,
});

async function freshTable(): Promise<{ tableName: string; streamArn: string }> {
  const tableName = `stream-it-${process.pid}-${++tables}`;
  return { tableName, ...(await provisionTable(client, tableName, tableDesign)) };
}

async function startPoller(streamArn: string, invoker: FunctionInvoker, consumers: StreamConsumerSpec[], extra: Partial<StreamPollerOptions> = {}) {
  poller = new StreamPoller({
    client: streams,
    streamArn,
    consumers,
    invoker,
    matches: matchesEventPattern,
    pollIntervalMs: 20,
    retryDelayMs: 10,
    log: () => undefined,
    ...extra,
  });
  await poller.start();
  return poller;
}

const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'ORDER' } });

describe('StreamPoller against DynamoDB Local', () => {
  it('delivers INSERT, MODIFY and REMOVE in order, in batches of batchSize, shaped as Lambda delivers them', async () => {
    const { tableName, streamArn } = await freshTable();
    const invoker = new RecordingInvoker();
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key('o1'), status: { S: 'PLACED' } } }));
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key('o1'),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'PAID' } },
      }),
    );
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key('o2'), status: { S: 'PLACED' } } }));
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key('o1') }));
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key('o3'), status: { S: 'PLACED' } } }));
    const p = await startPoller(streamArn, invoker, [consumer()]);
    await p.idle();

    expect(invoker.batches()).toEqual([['INSERT:o1', 'MODIFY:o1'], ['INSERT:o2', 'REMOVE:o1'], ['INSERT:o3']]);
    const [modify] = invoker.events.flatMap((event) => event.Records).filter((record) => record.eventName === 'MODIFY');
    expect(modify).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn.replace(':ddblocal:', ':us-east-1:'),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: key('o1'),
        NewImage: { ...key('o1'), status: { S: 'PAID' } },
        OldImage: { ...key('o1'), status: { S: 'PLACED' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    const sequence = invoker.events.flatMap((event) => event.Records.map((record) => BigInt(record.dynamodb.SequenceNumber)));
    expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);

    // It keeps reading what is written afterwards.
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key('o2') }));
    await p.idle();
    expect(invoker.batches().at(-1)).toEqual(['REMOVE:o2']);
  });

  it('applies a filter pattern (EventBridge syntax over the record) before batching', async () => {
    const { tableName, streamArn } = await freshTable();
    const invoker = new RecordingInvoker();
    const paidOrders = { eventName: ['MODIFY'], dynamodb: { NewImage: { status: { S: ['PAID'] } } } };

    for (const [pk, status] of [
      ['o1', 'PLACED'],
      ['o2', 'PLACED'],
      ['o3', 'PLACED'],
    ] as const) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key(pk), status: { S: status } } }));
    }
    for (const [pk, status] of [
      ['o1', 'PAID'],
      ['o2', 'CANCELLED'],
      ['o3', 'PAID'],
    ] as const) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(pk),
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: status } },
        }),
      );
    }
    // Started after the writes (TRIM_HORIZON), so all six records are read at once: the two that
    // match fill one batch of two, the other four count toward nothing.
    const p = await startPoller(streamArn, invoker, [consumer({ filterPatterns: [paidOrders] })]);
    await p.idle();
    expect(invoker.batches()).toEqual([['MODIFY:o1', 'MODIFY:o3']]);
  });

  it('redelivers from the failed item when the function reports a partial batch failure', async () => {
    const { tableName, streamArn } = await freshTable();
    const invoker = new RecordingInvoker((event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: event.Records[1]!.dynamodb.SequenceNumber }] } : { batchItemFailures: [] },
    );
    for (const pk of ['a', 'b', 'c', 'd']) await client.send(new PutItemCommand({ TableName: tableName, Item: key(pk) }));
    const p = await startPoller(streamArn, invoker, [consumer({ batchSize: 3 })]);
    await p.idle();
    // The checkpoint moves past a only; the next batch starts at b, as Lambda re-reads from the checkpoint.
    expect(invoker.batches()).toEqual([
      ['INSERT:a', 'INSERT:b', 'INSERT:c'],
      ['INSERT:b', 'INSERT:c', 'INSERT:d'],
    ]);
    expect(p.discarded).toEqual([]);
  });

  it('LATEST starts from the moment the poller started', async () => {
    const { tableName, streamArn } = await freshTable();
    await client.send(new PutItemCommand({ TableName: tableName, Item: key('before') }));
    const invoker = new RecordingInvoker();
    const p = await startPoller(streamArn, invoker, [consumer({ startingPosition: 'LATEST' })]);
    await client.send(new PutItemCommand({ TableName: tableName, Item: key('after') }));
    await p.idle();
    expect(invoker.batches()).toEqual([['INSERT:after']]);
  });

  it('a TTL deletion by the sweeper arrives as a REMOVE with the old image and the TTL service identity', async () => {
    const { tableName, streamArn } = await freshTable();
    const ledger = new TtlDeletionLedger();
    const invoker = new RecordingInvoker();
    // The filter AWS documents for "only TTL deletions".
    const ttlOnly = { userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } };
    const p = await startPoller(streamArn, invoker, [consumer({ filterPatterns: [ttlOnly] })], { ttlDeletions: ledger });

    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key('hold'), expiresAt: { N: String(Math.floor(Date.now() / 1000) - 5) } } }));
    await client.send(new PutItemCommand({ TableName: tableName, Item: key('manual') }));
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key('manual') }));
    expect(await new TtlSweeper({ client, tableName, design: tableDesign, ledger }).sweep()).toBe(1);
    await p.idle();

    expect(invoker.batches()).toEqual([['REMOVE:hold']]);
    const [record] = invoker.events[0]!.Records;
    expect(record!.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(record!.dynamodb.OldImage).toEqual({ ...key('hold'), expiresAt: { N: expect.any(String) } });
  });
});
