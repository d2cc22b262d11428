import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { tableDesign } from '#contracts/table-design';
import type { StreamConsumerSpec } from '#contracts/wiring';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import type { LambdaStreamEvent } from '#local/dynamodb/stream-lambda-record';
import { StreamPoller } from '#local/dynamodb/stream-poller';
import { provisionTable } from '#local/dynamodb/table-provisioner';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';
import { recoverStreamBatch } from '../../../../scripts/recover-stream-batch';

jest.setTimeout(60_000);

/**
 * The recovery procedure of docs/events.md ("When a stream batch is discarded"), on DynamoDB Local's
 * real stream: a consumer fails a batch until the mapping gives up; its on-failure message carries
 * only the batch's place in the stream; scripts/recover-stream-batch.ts reads that range back and
 * filters it as the mapping does, giving the function exactly the batch it failed.
 */
describe('a discarded stream batch, recovered from the stream', () => {
  let dynamodb: DynamoDbLocal;
  let client: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let poller: StreamPoller;
  const delivered: LambdaStreamEvent[] = [];

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
    streams = new DynamoDBStreamsClient(localDynamoDbClientConfig(dynamodb.endpoint));
  });

  afterAll(async () => {
    await poller?.stop();
    client?.destroy();
    streams?.destroy();
    await dynamodb?.stop();
  });

  it('gives back exactly the records of the batch the function failed, filtered as the mapping filters', async () => {
    const tableName = `recovery-${process.pid}`;
    const { streamArn } = await provisionTable(client, tableName, tableDesign);
    const consumer: StreamConsumerSpec = {
      id: 'outboxLike',
      functionId: 'relay',
      batchSize: 3,
      maxBatchingWindowSeconds: 1,
      startingPosition: 'TRIM_HORIZON',
      retryAttempts: 1,
      bisectBatchOnError: false,
      filterPatterns: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['order'] } } } }],
    };
    // The function fails every batch that holds order o-2.
    const invoker: FunctionInvoker = {
      invoke: async (_functionId, event): Promise<InvokeResult> => {
        const batch = event as LambdaStreamEvent;
        delivered.push(structuredClone(batch));
        const poisoned = batch.Records.some((record) => (record.dynamodb.Keys.pk as { S: string }).S === 'ORDER#o-2');
        return poisoned
          ? { ok: false, durationMs: 1, error: { errorType: 'Error', errorMessage: 'cannot relay o-2' } }
          : { ok: true, payload: null, durationMs: 1 };
      },
    };
    const put = (pk: string, entity: string) =>
      client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'A' }, entity: { S: entity }, status: { S: 'pending' } } }));
    await put('ORDER#o-1', 'order');
    await put('IDEMPOTENCY#x', 'idempotency'); // filtered out: never in a batch
    await put('ORDER#o-2', 'order');
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'ORDER#o-1' }, sk: { S: 'A' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'confirmed' } },
      }),
    );
    await put('ORDER#o-3', 'order');

    poller = new StreamPoller({
      client: streams,
      streamArn,
      consumers: [consumer],
      invoker,
      matches: matchesEventPattern,
      pollIntervalMs: 20,
      retryDelayMs: 5,
      log: () => undefined,
    });
    await poller.start();
    await poller.idle();

    expect(poller.discarded).toHaveLength(1);
    const { destinationMessage } = poller.discarded[0]!;
    const failedBatch = delivered.find((batch) => batch.Records.some((record) => (record.dynamodb.Keys.pk as { S: string }).S === 'ORDER#o-2'))!;
    // The message has no records, only their place in the stream.
    expect(JSON.stringify(destinationMessage)).not.toContain('ORDER#');
    expect(destinationMessage.DDBStreamBatchInfo.batchSize).toBe(failedBatch.Records.length);

    // As docs/events.md says: read the range back (here from DynamoDB Local, whose stream ARN names region `ddblocal`).
    const recovered = await recoverStreamBatch(streams, JSON.parse(JSON.stringify(destinationMessage)), {
      filterPatterns: consumer.filterPatterns,
      region: 'us-east-1',
      streamArn,
    });
    expect(recovered).toEqual(failedBatch);
    expect(recovered.Records.map((record) => `${record.eventName}:${(record.dynamodb.Keys.pk as { S: string }).S}`)).toEqual([
      'INSERT:ORDER#o-1',
      'INSERT:ORDER#o-2',
      'MODIFY:ORDER#o-1',
    ]);
  });
});
