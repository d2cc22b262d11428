import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DocumentedUnitsMeter } from '#bench/dynamodb-documented-meter';
import { tableDesign } from '#contracts/table-design';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import { DynamoDbTrafficProxy } from '#local/dynamodb/dynamodb-traffic-proxy';
import { provisionTable } from '#local/dynamodb/table-provisioner';

jest.setTimeout(60_000);

let dynamodb: DynamoDbLocal;
let proxy: DynamoDbTrafficProxy;
let meter: DocumentedUnitsMeter;
let client: DynamoDBClient;
const TableName = `documented-${process.pid}`;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  const direct = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
  await provisionTable(direct, TableName, tableDesign);
  direct.destroy();
  proxy = await DynamoDbTrafficProxy.start({ target: dynamodb.endpoint });
  meter = new DocumentedUnitsMeter(proxy, dynamodb.endpoint, tableDesign);
  meter.start();
  client = new DynamoDBClient(localDynamoDbClientConfig(proxy.endpoint, { maxAttempts: 1 }));
});

afterAll(async () => {
  client?.destroy();
  meter?.close();
  await proxy?.close();
  await dynamodb?.stop();
});

beforeEach(() => meter.reset());

const key = (id: string) => ({ pk: { S: `ORDER#${id}` }, sk: { S: 'ORDER' } });

it("meters the proxy's traffic by the documented rule: table and index writes, from the items before and after", async () => {
  // A new item in gsi2: 1 table write + 1 index put.
  await client.send(new PutItemCommand({ TableName, Item: { ...key('1'), gsi2pk: { S: 'STATUS#pending' }, gsi2sk: { S: '1' } } }));
  expect(meter.snapshot()).toEqual({ readUnits: 0, writeUnits: 2, indexWriteUnits: 1 });

  // Its index key changes: 1 table write + a delete and a put in the index.
  meter.reset();
  await client.send(
    new UpdateItemCommand({ TableName, Key: key('1'), UpdateExpression: 'SET gsi2pk = :s', ExpressionAttributeValues: { ':s': { S: 'STATUS#confirmed' } } }),
  );
  expect(meter.snapshot()).toEqual({ readUnits: 0, writeUnits: 3, indexWriteUnits: 2 });

  // A failed condition bills the table write, and nothing changes in the index.
  meter.reset();
  await expect(
    client.send(
      new PutItemCommand({ TableName, Item: { ...key('1'), gsi2pk: { S: 'X' }, gsi2sk: { S: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    ),
  ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  expect(meter.snapshot()).toEqual({ readUnits: 0, writeUnits: 1, indexWriteUnits: 0 });
});

it('bills a transaction twice per item and reads by consistency', async () => {
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [{ Put: { TableName, Item: key('2') } }, { Put: { TableName, Item: { ...key('3'), gsi1pk: { S: 'C#1' }, gsi1sk: { S: '3' } } } }],
    }),
  );
  expect(meter.snapshot()).toEqual({ readUnits: 0, writeUnits: 2 + 2 + 1, indexWriteUnits: 1 });

  meter.reset();
  await client.send(new GetItemCommand({ TableName, Key: key('2') }));
  await client.send(new GetItemCommand({ TableName, Key: key('2'), ConsistentRead: true }));
  await client.send(new GetItemCommand({ TableName, Key: key('missing') }));
  await client.send(
    new QueryCommand({ TableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': { S: 'C#1' } } }),
  );
  expect(meter.snapshot()).toEqual({ readUnits: 0.5 + 1 + 0.5 + 0.5, writeUnits: 0, indexWriteUnits: 0 });
});

it('watches nothing once stopped', async () => {
  meter.stop();
  try {
    await client.send(new PutItemCommand({ TableName, Item: key('4') }));
    expect(meter.snapshot()).toEqual({ readUnits: 0, writeUnits: 0, indexWriteUnits: 0 });
    expect(proxy.observer).toBeUndefined();
  } finally {
    meter.start();
  }
});
