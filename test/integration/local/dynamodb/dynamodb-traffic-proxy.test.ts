import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  TransactionCanceledException,
  TransactionConflictException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#contracts/table-design';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import { consumedUnits, DynamoDbTrafficProxy, withConsumedCapacity } from '#local/dynamodb/dynamodb-traffic-proxy';
import { provisionTable } from '#local/dynamodb/table-provisioner';

jest.setTimeout(60_000);

let dynamodb: DynamoDbLocal;
let proxy: DynamoDbTrafficProxy;
let client: DynamoDBClient;
const TableName = `proxy-${process.pid}`;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  const direct = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
  await provisionTable(direct, TableName, tableDesign);
  direct.destroy();
  proxy = await DynamoDbTrafficProxy.start({ target: dynamodb.endpoint });
  client = new DynamoDBClient(localDynamoDbClientConfig(proxy.endpoint, { maxAttempts: 1 }));
});

afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await dynamodb?.stop();
});

beforeEach(() => {
  proxy.throttleRate = 0;
  proxy.conflictRate = 0;
  proxy.reset();
});

it('passes calls through and counts them per operation with the capacity they consumed', async () => {
  await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'P#1' }, sk: { S: 'A' }, body: { S: 'x' } } }));
  const read = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'P#1' }, sk: { S: 'A' } } }));
  expect(read.Item?.body).toEqual({ S: 'x' });
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [{ Put: { TableName, Item: { pk: { S: 'P#2' }, sk: { S: 'A' } } } }, { Put: { TableName, Item: { pk: { S: 'P#3' }, sk: { S: 'A' } } } }],
    }),
  );
  const traffic = proxy.snapshot();
  expect(traffic.calls).toEqual({ PutItem: 1, GetItem: 1, TransactWriteItems: 1 });
  expect(traffic.totalCalls).toBe(3);
  expect(traffic.throttled).toBe(0);
  // 1 WCU for the put, at least 2 for a 2-item transaction; 0.5 or 1 RCU for the read.
  expect(traffic.consumedWriteUnits).toBeGreaterThanOrEqual(3);
  expect(traffic.consumedReadUnits).toBeGreaterThan(0);
});

it('keeps a caller’s own ReturnConsumedCapacity and hands it the units', async () => {
  const answer = await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'P#4' }, sk: { S: 'A' } }, ReturnConsumedCapacity: 'TOTAL' }));
  expect(answer.ConsumedCapacity?.CapacityUnits).toBeGreaterThan(0);
});

it('answers the chosen share of calls with ProvisionedThroughputExceededException, which the SDK retries', async () => {
  proxy.throttleRate = 1;
  await expect(client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'P#1' }, sk: { S: 'A' } } }))).rejects.toBeInstanceOf(
    ProvisionedThroughputExceededException,
  );
  expect(proxy.snapshot()).toMatchObject({ totalCalls: 1, throttled: 1 });

  // Every first attempt throttled (a scripted coin): the SDK retries each, and each call gets through.
  let coin = 0;
  const alternating = await DynamoDbTrafficProxy.start({ target: dynamodb.endpoint, throttleRate: 0.5, random: () => (coin++ % 2 === 0 ? 0 : 0.99) });
  const retrying = new DynamoDBClient(localDynamoDbClientConfig(alternating.endpoint));
  try {
    for (let i = 0; i < 3; i += 1) await retrying.send(new PutItemCommand({ TableName, Item: { pk: { S: `R#${i}` }, sk: { S: 'A' } } }));
    expect(alternating.snapshot()).toMatchObject({ calls: { PutItem: 6 }, totalCalls: 6, throttled: 3 });
  } finally {
    retrying.destroy();
    await alternating.close();
  }
});

describe('transaction conflicts (DynamoDB Local never answers one)', () => {
  const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'A' } });
  const transaction = (...pks: string[]) =>
    new TransactWriteItemsCommand({ TransactItems: pks.map((pk) => ({ Put: { TableName, Item: { ...key(pk), written: { BOOL: true } } } })) });
  const exists = async (pk: string) => (await client.send(new GetItemCommand({ TableName, Key: key(pk), ConsistentRead: true }))).Item !== undefined;

  it('cancels a transaction as DynamoDB does: TransactionConflict for one action, None for the others, nothing written', async () => {
    proxy.conflictRate = 1;
    const error = await client.send(transaction('C#1', 'C#2', 'C#3')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    const codes = (error as TransactionCanceledException).CancellationReasons!.map((reason) => reason.Code);
    expect(codes).toHaveLength(3);
    expect(codes.filter((code) => code === 'TransactionConflict')).toHaveLength(1);
    expect(codes.filter((code) => code === 'None')).toHaveLength(2);
    proxy.conflictRate = 0;
    expect(await Promise.all(['C#1', 'C#2', 'C#3'].map(exists))).toEqual([false, false, false]);
    expect(proxy.snapshot().conflicts).toBe(1);
  });

  it('rejects single-item writes to an item a transaction wrote with TransactionConflictException, and only those', async () => {
    await client.send(transaction('T#1', 'T#2'));
    proxy.conflictRate = 1;
    for (const write of [
      new PutItemCommand({ TableName, Item: { ...key('T#1'), overwritten: { BOOL: true } } }),
      new UpdateItemCommand({ TableName, Key: key('T#2'), UpdateExpression: 'SET touched = :yes', ExpressionAttributeValues: { ':yes': { BOOL: true } } }),
      new DeleteItemCommand({ TableName, Key: key('T#1') }),
    ]) {
      await expect(client.send(write as PutItemCommand)).rejects.toBeInstanceOf(TransactionConflictException);
    }
    // An item no transaction touched, and reads, are never in conflict.
    await client.send(new PutItemCommand({ TableName, Item: key('U#1') }));
    await client.send(new GetItemCommand({ TableName, Key: key('T#1') }));
    expect(proxy.snapshot()).toMatchObject({ conflicts: 3 });
    proxy.conflictRate = 0;
    const item = await client.send(new GetItemCommand({ TableName, Key: key('T#1'), ConsistentRead: true }));
    expect(item.Item).toEqual({ ...key('T#1'), written: { BOOL: true } });
  });
});

describe('request and answer metering', () => {
  it('asks for TOTAL capacity only on operations that take it, and keeps a caller’s own choice', () => {
    expect(JSON.parse(withConsumedCapacity('PutItem', '{"TableName":"t"}'))).toEqual({ TableName: 't', ReturnConsumedCapacity: 'TOTAL' });
    expect(withConsumedCapacity('PutItem', '{"ReturnConsumedCapacity":"INDEXES"}')).toBe('{"ReturnConsumedCapacity":"INDEXES"}');
    expect(withConsumedCapacity('DescribeTable', '{"TableName":"t"}')).toBe('{"TableName":"t"}');
    expect(withConsumedCapacity('PutItem', 'not json')).toBe('not json');
  });

  it('sums units of single and batch answers, read or write by operation', () => {
    expect(consumedUnits('GetItem', '{"ConsumedCapacity":{"CapacityUnits":0.5}}')).toEqual({ read: 0.5, write: 0 });
    expect(consumedUnits('TransactWriteItems', '{"ConsumedCapacity":[{"CapacityUnits":2},{"CapacityUnits":4}]}')).toEqual({ read: 0, write: 6 });
    expect(consumedUnits('UpdateItem', '{"ConsumedCapacity":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}')).toEqual({ read: 1, write: 1 });
    expect(consumedUnits('PutItem', '{}')).toEqual({ read: 0, write: 0 });
  });
});
