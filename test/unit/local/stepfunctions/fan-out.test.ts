import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { createService, detailsOf, FakeFunctions, FunctionError, runToEnd, typesOf } from './sfn-harness';

/** fan-out.asl.json: Tasks inside Parallel branches and inside a Map item processor. */
describe('Parallel and Map with tasks inside', () => {
  const dynamoDb = mockClient(DynamoDBClient);
  let service: LocalStepFunctions;

  beforeEach(() => {
    dynamoDb.reset();
    dynamoDb.on(GetItemCommand).resolves({ Item: { pk: { S: 'CUSTOMER#c-1' }, name: { S: 'Ada' } }, $metadata: {} });
  });
  afterEach(async () => service?.close());
  afterAll(() => dynamoDb.restore());

  it('runs every nested task locally, retries inside a Map iteration, and records Parallel/Map events', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const functions = new FakeFunctions({
      priceItems: (items) => (items as { sku: string }[]).map((item) => ({ sku: item.sku, price: 100 })),
      reserveItem: async (event, call) => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 10));
        concurrent -= 1;
        if (call === 1) throw new FunctionError('TransientError');
        return { reserved: (event as { sku: string }).sku };
      },
    });
    service = createService([{ id: 'fanOut', file: 'fan-out.asl.json' }], {
      invoker: functions,
      dynamoDb: new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    });

    const input = { customerId: 'c-1', items: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }], settleSeconds: 10 };
    const { description, history } = await runToEnd(service, 'fanOut', input);

    expect(description.status).toBe('SUCCEEDED');
    const output = JSON.parse(description.output!);
    expect(output.lookups).toEqual([
      { name: 'Ada' },
      [
        { sku: 'A', price: 100 },
        { sku: 'B', price: 100 },
        { sku: 'C', price: 100 },
      ],
    ]);
    expect(output.reserved).toEqual(['A', 'B', 'C'].map((sku, position) => ({ sku, position, settleSeconds: 10, reservation: { reserved: sku } })));
    expect(functions.callsTo('reserveItem')).toHaveLength(4); // one retry
    expect(maxConcurrent).toBeLessThanOrEqual(2); // MaxConcurrency
    expect(dynamoDb.commandCalls(GetItemCommand)[0]!.args[0].input).toEqual({
      TableName: 'ordersaga',
      Key: { pk: { S: 'CUSTOMER#c-1' }, sk: { S: 'PROFILE' } },
    });

    const types = typesOf(history);
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types).toEqual(
      expect.arrayContaining(['ParallelStateSucceeded', 'ParallelStateExited', 'MapStateEntered', 'MapStateStarted', 'MapStateSucceeded', 'MapStateExited']),
    );
    expect(types.indexOf('ParallelStateSucceeded')).toBe(types.indexOf('ParallelStateExited') - 1);
    expect(detailsOf(history.find((event) => event.type === 'MapStateStarted')!)).toEqual({ length: 3 });
    expect(history.filter((event) => event.type === 'MapIterationStarted').map(detailsOf)).toEqual(
      expect.arrayContaining([
        { name: 'ReserveEachItem', index: 0 },
        { name: 'ReserveEachItem', index: 1 },
        { name: 'ReserveEachItem', index: 2 },
      ]),
    );
    expect(types.filter((type) => type === 'MapIterationSucceeded')).toHaveLength(3);
    expect(types.filter((type) => type === 'WaitStateEntered')).toHaveLength(3);
    // The aws-sdk integration is named as such; the direct Lambda ARN uses LambdaFunction* events.
    expect(detailsOf(history.find((event) => event.type === 'TaskScheduled' && detailsOf(event).resourceType === 'aws-sdk:dynamodb')!)).toMatchObject({
      resource: 'getItem',
    });
    expect(types.filter((type) => type === 'LambdaFunctionScheduled')).toHaveLength(4);
    expect(types.filter((type) => type === 'LambdaFunctionFailed')).toHaveLength(1);
  });

  it('fails the Parallel state when a branch fails, naming the SDK integration error', async () => {
    dynamoDb
      .on(GetItemCommand)
      .rejects(Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } }));
    const functions = new FakeFunctions({ priceItems: () => [], reserveItem: () => ({}) });
    service = createService([{ id: 'fanOut', file: 'fan-out.asl.json' }], {
      invoker: functions,
      dynamoDb: new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    });
    const { description, history } = await runToEnd(service, 'fanOut', { customerId: 'c-1', items: [], settleSeconds: 0 });

    expect(description).toMatchObject({ status: 'FAILED', error: 'DynamoDb.ResourceNotFoundException' });
    const types = typesOf(history);
    expect(types).toContain('ParallelStateFailed');
    expect(types).not.toContain('ParallelStateSucceeded');
    expect(types.at(-1)).toBe('ExecutionFailed');
  });
});
