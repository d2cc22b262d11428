import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '#contracts/wiring';
import { LocalDynamoDbError } from './local-dynamodb-error';

/**
 * Creates the single table exactly as the stack declares it (the same TableDesign): string pk/sk,
 * every GSI with ALL projection, on-demand billing, a stream with the design's view type, TTL on the
 * design's attribute. Idempotent: a table that already exists (a persisted folder, a shared
 * DYNAMODB_ENDPOINT) is completed where it lacks something, and refused when its keys differ.
 */
export async function provisionTable(client: DynamoDBClient, tableName: string, design: TableDesign): Promise<{ streamArn: string }> {
  let table = await describe(client, tableName);
  if (!table) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, design)));
    } catch (error) {
      // Someone else created it between our describe and create: fine, complete it below.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    table = await waitUntilActive(client, tableName);
  } else {
    checkKeySchema(tableName, table, design);
    table = await addWhatIsMissing(client, tableName, table, design);
  }
  await enableTimeToLive(client, tableName, design.timeToLiveAttribute);
  if (!table.LatestStreamArn) throw new LocalDynamoDbError(`Table ${tableName} has no stream after provisioning.`);
  return { streamArn: table.LatestStreamArn };
}

function attributeDefinitions(design: TableDesign): AttributeDefinition[] {
  const names = [design.partitionKey, design.sortKey, ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  return [...new Set(names)].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

function globalSecondaryIndex(index: TableDesign['globalSecondaryIndexes'][number]): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

function createTableInput(tableName: string, design: TableDesign) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions(design),
    KeySchema: [
      { AttributeName: design.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: design.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: design.globalSecondaryIndexes.length ? design.globalSecondaryIndexes.map(globalSecondaryIndex) : undefined,
    StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream },
  };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** DynamoDB Local creates tables synchronously; LocalStack and AWS take a moment. */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 60_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new LocalDynamoDbError(`Table ${tableName} is not ACTIVE after ${timeoutMs / 1000} s (status ${table?.TableStatus}).`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

function checkKeySchema(tableName: string, table: TableDescription, design: TableDesign): void {
  const key = (type: 'HASH' | 'RANGE') => table.KeySchema?.find((element) => element.KeyType === type)?.AttributeName;
  if (key('HASH') !== design.partitionKey || key('RANGE') !== design.sortKey) {
    throw new LocalDynamoDbError(
      `Table ${tableName} already exists with keys ${key('HASH')}/${key('RANGE')}, but the design says ${design.partitionKey}/${design.sortKey}. ` +
        'To fix: delete the persisted data folder (or the table) so it is created afresh.',
    );
  }
}

async function addWhatIsMissing(client: DynamoDBClient, tableName: string, table: TableDescription, design: TableDesign): Promise<TableDescription> {
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  // One index per UpdateTable call, as DynamoDB requires.
  for (const index of design.globalSecondaryIndexes.filter((candidate) => !existing.has(candidate.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(design),
        GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(index) }],
      }),
    );
    await waitUntilActive(client, tableName);
  }
  const stream = table.StreamSpecification;
  if (!stream?.StreamEnabled || stream.StreamViewType !== design.stream) {
    if (stream?.StreamEnabled) {
      // The view type of an enabled stream cannot change in place: disable, then enable anew.
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
      await waitUntilActive(client, tableName);
    }
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream } }));
  }
  return waitUntilActive(client, tableName);
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string): Promise<void> {
  const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
  const enabled = current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
  if (enabled && current?.AttributeName === attributeName) return;
  if (enabled) {
    throw new LocalDynamoDbError(
      `Table ${tableName} has TTL on ${current?.AttributeName}, but the design says ${attributeName}. To fix: delete the persisted data folder (or the table).`,
    );
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true } }));
}
