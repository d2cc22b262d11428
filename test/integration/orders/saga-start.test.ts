import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { LOCAL_REGION } from '#local/local-identity';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { toLambdaStreamRecord, type LambdaStreamRecord } from '#local/dynamodb/stream-lambda-record';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { customer, json, orderBody } from '#test/unit/functions/orders/support/order-fixtures';
import { CATALOG, startOrdersTable, type OrdersTable } from './orders-table';

/**
 * Exactly-once saga start, end to end on the storage side: orders placed through the handler, the
 * table's real stream (DynamoDB Local), the stream consumer, and a Step Functions stand-in that
 * refuses a second execution of a name, as Step Functions does.
 */

jest.setTimeout(120_000);

const sfn = mockClient(SFNClient);
let table: OrdersTable;
let streams: DynamoDBStreamsClient;
let createOrder: typeof import('#orders/handlers/create-order')['handler'];
let followOrderChanges: typeof import('#saga/handlers/follow-order-changes')['handler'];

/** Step Functions, as far as StartExecution goes: one execution per name. */
const executions = new Map<string, string>();
let failNextStartOf: string | undefined;

beforeAll(async () => {
  table = await startOrdersTable('saga-start');
  for (const product of CATALOG) await table.putProduct(product);
  streams = new DynamoDBStreamsClient(localDynamoDbClientConfig(table.endpoint));
  process.env.ORDER_SAGA_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga';
  process.env.ORDER_CANCELLATION_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:order-cancellation';
  process.env.ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:order-payment-authorization';
  createOrder = (await import('#orders/handlers/create-order')).handler;
  followOrderChanges = (await import('#saga/handlers/follow-order-changes')).handler;
  sfn.on(StartExecutionCommand).callsFake((input: { name: string; input: string }) => {
    if (failNextStartOf === input.name) {
      failNextStartOf = undefined;
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    }
    if (executions.has(input.name)) throw new ExecutionAlreadyExists({ message: `Execution Already Exists: ${input.name}`, $metadata: {} });
    executions.set(input.name, input.input);
    return { executionArn: `arn:execution:${input.name}`, startDate: new Date() };
  });
});

afterAll(async () => {
  streams?.destroy();
  await table?.stop();
});

/** Every record the table's stream holds so far, as Lambda would deliver them. */
async function streamRecords(): Promise<LambdaStreamRecord[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: table.streamArn }));
  const records: LambdaStreamRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: table.streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (ShardIterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []).map((record) => toLambdaStreamRecord(record, { eventSourceArn: table.streamArn, awsRegion: LOCAL_REGION })));
      if (!page.Records?.length) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return records;
}

const place = (key: string, body = orderBody()) =>
  createOrder(
    apiGatewayEvent({
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'Idempotency-Key': key, 'X-Correlation-Id': `corr-${key}` },
      body: JSON.stringify(body),
      caller: customer,
    }),
    lambdaContext(),
  );
const deliver = (records: LambdaStreamRecord[]) => followOrderChanges({ Records: records } as unknown as DynamoDBStreamEvent, lambdaContext());

describe('starting the order saga from the table stream', () => {
  it('starts one execution per order, named after it, however often the stream delivers', async () => {
    const first = json(await place('a'));
    const second = json(await place('b', orderBody({ items: [{ sku: 'SKU-2', quantity: 4 }] })));
    expect(json(await place('a')).id).toBe(first.id); // an idempotent replay writes no order

    const records = await streamRecords();
    // Orders, payments, placement requests and idempotency records all reach the stream; only orders start sagas.
    expect(records.filter((record) => record.eventName === 'INSERT').length).toBeGreaterThan(2);

    failNextStartOf = second.id;
    const firstDelivery = await deliver(records);
    const failed = firstDelivery.batchItemFailures.map((failure) => failure.itemIdentifier);
    expect(failed).toHaveLength(1);
    expect(records.find((record) => record.dynamodb.SequenceNumber === failed[0])?.dynamodb.NewImage?.id).toEqual({ S: second.id });

    // Lambda redelivers from the failed record on; a duplicate delivery of everything changes nothing more.
    const fromFailed = records.filter((record) => BigInt(record.dynamodb.SequenceNumber) >= BigInt(failed[0]!));
    expect(await deliver(fromFailed)).toEqual({ batchItemFailures: [] });
    expect(await deliver(records)).toEqual({ batchItemFailures: [] });

    expect([...executions.keys()].sort()).toEqual([first.id, second.id].sort());
    expect(JSON.parse(executions.get(first.id)!)).toEqual({ orderId: first.id, correlationId: 'corr-a' });
    expect(JSON.parse(executions.get(second.id)!)).toEqual({ orderId: second.id, correlationId: 'corr-b' });
  });
});
