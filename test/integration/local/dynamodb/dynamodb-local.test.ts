import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableDesign } from '#contracts/table-design';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { connectToExistingDynamoDb, removeAbandonedScratchFolders, startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import { findFreePort } from '#local/dynamodb/free-port';
import { provisionTable } from '#local/dynamodb/table-provisioner';
import { TtlDeletionLedger } from '#local/dynamodb/ttl-deletion-ledger';
import { TtlSweeper } from '#local/dynamodb/ttl-sweeper';
import { dynamoDbLocalProcesses, jvmOnPort, waitFor } from './jvm-processes';

jest.setTimeout(60_000);

let dynamodb: DynamoDbLocal;
let client: DynamoDBClient;
let startupMs = 0;
let tables = 0;
const uniqueTable = (purpose: string) => `it-${purpose}-${process.pid}-${++tables}`;

beforeAll(async () => {
  const started = Date.now();
  dynamodb = await startDynamoDbLocal();
  startupMs = Date.now() - started;
  client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.stop();
});

describe('startDynamoDbLocal', () => {
  it('answers on 127.0.0.1 within a few seconds', async () => {
    expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(startupMs).toBeLessThan(30_000);
    console.info(`DynamoDB Local answered ${startupMs} ms after launch`);
    await expect(connectToExistingDynamoDb(dynamodb.endpoint)).resolves.toMatchObject({ endpoint: dynamodb.endpoint });
  });

  it('fails at once, saying what to do, when the port is taken', async () => {
    const started = Date.now();
    await expect(startDynamoDbLocal({ port: dynamodb.port })).rejects.toThrow(`port ${dynamodb.port} is already in use`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails at once when the jar is missing', async () => {
    await expect(startDynamoDbLocal({ jarDir: tmpdir() })).rejects.toThrow(/DynamoDBLocal\.jar.*is missing.*run npm install/s);
  });

  it('connectToExistingDynamoDb says what to do when nothing answers', async () => {
    await expect(connectToExistingDynamoDb('http://127.0.0.1:9', { timeoutMs: 300 })).rejects.toThrow(
      /DYNAMODB_ENDPOINT=http:\/\/127\.0\.0\.1:9 does not answer.*unset DYNAMODB_ENDPOINT/s,
    );
    await expect(connectToExistingDynamoDb('localhost:8000')).rejects.toThrow('is not an http(s) URL');
  });

  /** The temp folders of the DynamoDB Locals a Node process started (the JVM copies its SQLite library there). */
  const scratchFoldersOf = (pid: number) => readdirSync(tmpdir()).filter((name) => name.startsWith(`ordersaga-dynamodb-local-${pid}-`));

  it('stop() leaves no Java process behind, nor the copy of its SQLite library in the temp folder', async () => {
    const before = scratchFoldersOf(process.pid);
    const second = await startDynamoDbLocal();
    expect(jvmOnPort(second.port).map((p) => p.pid)).toEqual([second.pid]);
    const its = scratchFoldersOf(process.pid).filter((name) => !before.includes(name));
    expect(its).toHaveLength(1);
    expect(readdirSync(join(tmpdir(), its[0]!))).toEqual([expect.stringMatching(/libsqlite4java/)]);
    await second.stop();
    expect(jvmOnPort(second.port)).toEqual([]);
    expect(dynamoDbLocalProcesses().some((p) => p.pid === second.pid)).toBe(false);
    expect(scratchFoldersOf(process.pid)).toEqual(before);
  });

  it.each([['SIGKILL'], ['SIGTERM'], ['SIGINT'], ['crash']])('no JVM outlives its Node process (%s)', async (ending) => {
    const fixture = join(__dirname, 'fixtures', 'hold-dynamodb-local.ts');
    const node = spawn(process.execPath, ['--import', 'tsx', fixture, ending === 'crash' ? 'crash' : 'hold'], {
      cwd: join(__dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    node.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    node.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise((resolve) =>
      node.once('exit', (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    if (!(await waitFor(() => output.includes('READY') || exitCode !== undefined, 30_000)) || !output.includes('READY')) {
      throw new Error(`the fixture did not start DynamoDB Local (exit code ${exitCode}):\n${output}`);
    }
    const jvmPid = Number(/READY \S+ (\d+)/.exec(output)![1]);
    expect(dynamoDbLocalProcesses().some((p) => p.pid === jvmPid)).toBe(true);
    if (ending !== 'crash') node.kill(ending as NodeJS.Signals);
    await exited;
    expect(await waitFor(() => !dynamoDbLocalProcesses().some((p) => p.pid === jvmPid))).toBe(true);
    // A Node process killed outright cannot remove its JVM's temp folder; the next start does.
    removeAbandonedScratchFolders();
    expect(scratchFoldersOf(node.pid!)).toEqual([]);
  });

  it.each([[0], [500]])('no JVM outlives a Node process that exits while DynamoDB Local is starting (%i ms after the JVM appears)', async (delayMs) => {
    const port = await findFreePort();
    const fixture = join(__dirname, 'fixtures', 'hold-dynamodb-local.ts');
    const node = spawn(process.execPath, ['--import', 'tsx', fixture, 'exit-during-startup', String(port), String(delayMs)], {
      cwd: join(__dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    node.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => node.once('exit', resolve));
    expect(output).toContain('EXITING');
    expect(await waitFor(() => jvmOnPort(port).length === 0)).toBe(true);
  });

  it('keeps data in a folder with persistDir, and provisioning finds the table there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ordersaga-ddb-'));
    try {
      const first = await startDynamoDbLocal({ persistDir: folder });
      const firstClient = new DynamoDBClient(localDynamoDbClientConfig(first.endpoint));
      const { streamArn } = await provisionTable(firstClient, 'persisted', tableDesign);
      await firstClient.send(new PutItemCommand({ TableName: 'persisted', Item: { pk: { S: 'kept' }, sk: { S: 'A' } } }));
      firstClient.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ persistDir: folder });
      const secondClient = new DynamoDBClient(localDynamoDbClientConfig(second.endpoint));
      try {
        expect((await provisionTable(secondClient, 'persisted', tableDesign)).streamArn).toBe(streamArn);
        const item = await secondClient.send(new GetItemCommand({ TableName: 'persisted', Key: { pk: { S: 'kept' }, sk: { S: 'A' } } }));
        expect(item.Item).toBeDefined();
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('provisionTable', () => {
  it('creates the table exactly as the design says: keys, GSI with ALL projection, on demand, stream, TTL', async () => {
    const name = uniqueTable('provision');
    const { streamArn } = await provisionTable(client, name, tableDesign);
    const table = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
    expect(table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.AttributeDefinitions).toEqual(
      expect.arrayContaining(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
    );
    expect(table.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.GlobalSecondaryIndexes).toHaveLength(tableDesign.globalSecondaryIndexes.length);
    for (const index of tableDesign.globalSecondaryIndexes) {
      expect(table.GlobalSecondaryIndexes!.find((found) => found.IndexName === index.indexName)).toMatchObject({
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
        IndexStatus: 'ACTIVE',
      });
    }
    expect(table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(streamArn).toBe(table.LatestStreamArn);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });

    // The GSI answers queries with the whole item.
    await client.send(
      new PutItemCommand({
        TableName: name,
        Item: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' }, gsi1pk: { S: 'CUSTOMER#9' }, gsi1sk: { S: '2024' }, total: { N: '12' } },
      }),
    );
    const byCustomer = await client.send(
      new QueryCommand({ TableName: name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :c', ExpressionAttributeValues: { ':c': { S: 'CUSTOMER#9' } } }),
    );
    expect(byCustomer.Items).toEqual([expect.objectContaining({ total: { N: '12' } })]);
  });

  it('is idempotent', async () => {
    const name = uniqueTable('idempotent');
    const first = await provisionTable(client, name, tableDesign);
    await expect(provisionTable(client, name, tableDesign)).resolves.toEqual(first);
  });

  it('completes an existing table that lacks the GSI, stream and TTL', async () => {
    const name = uniqueTable('incomplete');
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const { streamArn } = await provisionTable(client, name, tableDesign);
    const table = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
    expect(table.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      tableDesign.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    expect(table.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(streamArn).toBe(table.LatestStreamArn);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });

  it('changes the view type of an existing stream', async () => {
    const name = uniqueTable('viewtype');
    await provisionTable(client, name, { ...tableDesign, stream: 'NEW_IMAGE' });
    await provisionTable(client, name, tableDesign);
    const table = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
    expect(table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('refuses an existing table whose keys differ, saying what to do', async () => {
    const name = uniqueTable('otherkeys');
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await expect(provisionTable(client, name, tableDesign)).rejects.toThrow(/keys id\/undefined.*delete the persisted data folder/);
  });
});

describe('DynamoDB Local behaves like DynamoDB where the app relies on it', () => {
  it('TransactWriteItems with a failing condition is cancelled with CancellationReasons (and the old item on request)', async () => {
    const name = uniqueTable('transact');
    await provisionTable(client, name, tableDesign);
    await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'STOCK#sku1' }, sk: { S: 'STOCK' }, available: { N: '1' } } }));

    const attempt = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: name, Item: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: name,
              Key: { pk: { S: 'STOCK#sku1' }, sk: { S: 'STOCK' } },
              UpdateExpression: 'SET available = available - :n',
              ConditionExpression: 'available >= :n',
              ExpressionAttributeValues: { ':n': { N: '2' } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { pk: { S: 'STOCK#sku1' }, sk: { S: 'STOCK' }, available: { N: '1' } },
      },
    ]);
    // Nothing of the transaction was written.
    expect((await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' } } }))).Item).toBeUndefined();
  });

  it('DynamoDB Local does not expire items by itself; the TTL sweeper deletes exactly the expired ones', async () => {
    const name = uniqueTable('ttl');
    await provisionTable(client, name, tableDesign);
    const now = Math.floor(Date.now() / 1000);
    const items: Record<string, Record<string, { S: string } | { N: string }>> = {
      expired: { expiresAt: { N: String(now - 10) } },
      future: { expiresAt: { N: String(now + 3600) } },
      milliseconds: { expiresAt: { N: String(Date.now() - 10_000) } },
      ancient: { expiresAt: { N: String(now - 6 * 365 * 24 * 3600) } },
      text: { expiresAt: { S: String(now - 10) } },
      none: {},
    };
    for (const [pk, attributes] of Object.entries(items)) {
      await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: pk }, sk: { S: 'A' }, ...attributes } }));
    }
    const exists = async (pk: string) =>
      (await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: pk }, sk: { S: 'A' } }, ConsistentRead: true }))).Item !== undefined;

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await exists('expired')).toBe(true);

    const ledger = new TtlDeletionLedger();
    const sweeper = new TtlSweeper({ client, tableName: name, design: tableDesign, ledger });
    expect(await sweeper.sweep()).toBe(1);
    const left = await Promise.all(Object.keys(items).map(async (pk) => [pk, await exists(pk)] as const));
    expect(Object.fromEntries(left)).toEqual({ expired: false, future: true, milliseconds: true, ancient: true, text: true, none: true });
    expect(await sweeper.sweep()).toBe(0);
  });

  it('the TTL sweeper runs on its interval until stopped', async () => {
    const name = uniqueTable('ttlinterval');
    await provisionTable(client, name, tableDesign);
    const sweeper = new TtlSweeper({ client, tableName: name, design: tableDesign, intervalMs: 50 });
    sweeper.start();
    try {
      await client.send(
        new PutItemCommand({ TableName: name, Item: { pk: { S: 'soon' }, sk: { S: 'A' }, expiresAt: { N: String(Math.floor(Date.now() / 1000) - 1) } } }),
      );
      let gone = false;
      for (let i = 0; i < 50 && !gone; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        gone = !(await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: 'soon' }, sk: { S: 'A' } } }))).Item;
      }
      expect(gone).toBe(true);
    } finally {
      await sweeper.stop();
    }
  });

  it('provisioning adds a missing GSI to a table that holds data (a persisted table older than the index)', async () => {
    const name = uniqueTable('addgsi');
    await provisionTable(client, name, { ...tableDesign, globalSecondaryIndexes: [] });
    await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'a' }, sk: { S: 'A' }, gsi1pk: { S: 'g' }, gsi1sk: { S: '1' } } }));
    await provisionTable(client, name, tableDesign);
    const result = await client.send(
      new QueryCommand({ TableName: name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': { S: 'g' } } }),
    );
    expect(result.Items).toHaveLength(1);
  });
});
