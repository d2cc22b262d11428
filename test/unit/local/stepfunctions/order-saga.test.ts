import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import type { PutEventsRequest } from '#local/eventbridge/put-events-request';
import { createService, detailsOf, FakeFunctions, FunctionError, runToEnd, typesOf } from './sfn-harness';

/** The sample saga (test/fixtures/statemachines/fixture-saga.asl.json) end to end on fakes. */
describe('order saga on local Step Functions', () => {
  const dynamoDb = mockClient(DynamoDBClient);
  let service: LocalStepFunctions;
  let published: PutEventsRequest[];

  const happyFunctions = (overrides: Record<string, (event: unknown, call: number) => unknown> = {}) =>
    new FakeFunctions({
      reserveStock: () => ({ reservationId: 'res-1' }),
      authorizePayment: () => ({ paymentId: 'pay-1' }),
      capturePayment: (event) => ({ captured: true, of: event }),
      releaseStock: () => ({ released: true }),
      voidPayment: () => ({ voided: true }),
      cancelOrder: () => ({ cancelled: true }),
      ...overrides,
    });

  const start = (functions: FakeFunctions) => {
    published = [];
    service = createService([{ id: 'orderSaga', file: 'fixture-saga.asl.json' }], {
      invoker: functions,
      dynamoDb: new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
      putEvents: (request) => {
        published.push(request);
        return { FailedEntryCount: 0, Entries: request.Entries.map((_, index) => ({ EventId: `evt-${index}` })) };
      },
    });
    return service;
  };

  const order = { orderId: 'o-1', payment: { token: 'tok_visa' } };

  beforeEach(() => {
    dynamoDb.reset();
    dynamoDb.on(UpdateItemCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'req-1' } });
  });
  afterEach(async () => service?.close());
  afterAll(() => dynamoDb.restore());

  it('confirms the order, retrying a flaky step twice with backoff, and records every attempt', async () => {
    const functions = happyFunctions({
      reserveStock: (_event, call) => {
        if (call <= 2) throw new FunctionError('TransientError', `attempt ${call} failed`);
        return { reservationId: 'res-1' };
      },
    });
    start(functions);

    const { description, history } = await runToEnd(service, 'orderSaga', order, 'o-1');

    expect(description.status).toBe('SUCCEEDED');
    expect(functions.callsTo('reserveStock')).toHaveLength(3);
    const types = typesOf(history);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const failures = history.filter((event) => event.type === 'TaskFailed').map(detailsOf);
    expect(failures).toEqual([
      expect.objectContaining({ error: 'TransientError', resourceType: 'lambda', resource: 'invoke' }),
      expect.objectContaining({ error: 'TransientError', resourceType: 'lambda', resource: 'invoke' }),
    ]);
    expect(JSON.parse(failures[0]!.cause as string)).toMatchObject({ errorType: 'TransientError', errorMessage: 'attempt 1 failed' });

    // Ids run from 1, each event points at the one before (the first state entered at 0, as AWS does).
    expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    expect(history[1]!.previousEventId).toBe(0);
    expect(history[2]!.previousEventId).toBe(2);

    const output = JSON.parse(description.output!);
    expect(output).toMatchObject({ orderId: 'o-1', reservation: { reservationId: 'res-1' }, authorization: { paymentId: 'pay-1' } });
    // Direct Lambda resource: InputPath applied, the function's payload is the result.
    expect(output.capture).toEqual({ captured: true, of: { paymentId: 'pay-1' } });
  });

  it('passes lambda:invoke parameters as the payload and wraps the result as Lambda Invoke does', async () => {
    const functions = happyFunctions();
    start(functions);
    const { history } = await runToEnd(service, 'orderSaga', order);

    expect(functions.callsTo('authorizePayment')[0]!.event).toEqual({ orderId: 'o-1', token: 'tok_visa' });
    const succeeded = history.filter((event) => event.type === 'TaskSucceeded').map(detailsOf)[0]!;
    expect(JSON.parse(succeeded.output as string)).toMatchObject({ Payload: { reservationId: 'res-1' }, StatusCode: 200, ExecutedVersion: '$LATEST' });
    const scheduled = detailsOf(history.find((event) => event.type === 'TaskScheduled')!);
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', timeoutInSeconds: 30 });
    expect(JSON.parse(scheduled.parameters as string)).toEqual({
      FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:reserveStock',
      Payload: order,
    });
  });

  it('writes the confirmation to DynamoDB and publishes order.confirmed with the execution as a resource', async () => {
    start(happyFunctions());
    const { executionArn } = await runToEnd(service, 'orderSaga', order);

    const update = dynamoDb.commandCalls(UpdateItemCommand)[0]!.args[0].input;
    expect(update).toMatchObject({ TableName: 'ordersaga', Key: { pk: { S: 'ORDER#o-1' }, sk: { S: 'ORDER' } }, ConditionExpression: '#status = :pending' });
    expect(published).toHaveLength(1);
    expect(published[0]!.Entries[0]).toEqual({
      EventBusName: 'ordersaga',
      Source: 'ordersaga.orders',
      DetailType: 'order.confirmed',
      Detail: JSON.stringify({ version: 1, data: { orderId: 'o-1' } }),
      Resources: [executionArn],
    });
  });

  it('routes a business error (OutOfStock) to the compensation path without retrying it', async () => {
    const functions = happyFunctions({
      reserveStock: () => {
        throw new FunctionError('OutOfStock', 'SKU-1 has 0 left');
      },
    });
    start(functions);

    const { description, history } = await runToEnd(service, 'orderSaga', order);

    expect(functions.callsTo('reserveStock')).toHaveLength(1);
    expect(functions.callsTo('authorizePayment')).toHaveLength(0);
    expect(functions.callsTo('cancelOrder')[0]!.event).toEqual({ orderId: 'o-1', reason: 'out_of_stock' });
    expect(description).toMatchObject({ status: 'FAILED', error: 'OrderCancelled', cause: 'out_of_stock' });
    const entered = history.filter((event) => event.type?.endsWith('StateEntered')).map((event) => detailsOf(event).name);
    expect(entered).toEqual(['ReserveStock', 'ReasonOutOfStock', 'CancelOrder', 'OrderCancelled']);
    const exitedReserve = history.find((event) => event.type === 'TaskStateExited')!;
    expect(JSON.parse(detailsOf(exitedReserve).output as string).failure).toMatchObject({ Error: 'OutOfStock' });
    expect(typesOf(history).slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(detailsOf(history.at(-1)!)).toEqual({ error: 'OrderCancelled', cause: 'out_of_stock' });
  });

  it('releases stock and cancels on a declined payment, releases, voids and cancels when the provider stays down', async () => {
    const declined = happyFunctions({
      authorizePayment: () => {
        throw new FunctionError('PaymentDeclined', 'card declined');
      },
    });
    start(declined);
    const first = await runToEnd(service, 'orderSaga', order);
    expect(first.description).toMatchObject({ status: 'FAILED', cause: 'payment_declined' });
    expect(declined.callsTo('authorizePayment')).toHaveLength(1);
    expect(declined.callsTo('releaseStock')).toHaveLength(1);
    expect(declined.callsTo('voidPayment')).toHaveLength(0);
    await service.close();

    const unavailable = happyFunctions({
      authorizePayment: () => {
        throw new FunctionError('PaymentProviderUnavailable', 'provider down');
      },
    });
    start(unavailable);
    const second = await runToEnd(service, 'orderSaga', order);
    expect(second.description).toMatchObject({ status: 'FAILED', cause: 'payment_unavailable' });
    expect(unavailable.callsTo('authorizePayment')).toHaveLength(3); // the first try and MaxAttempts 2 retries
    expect(unavailable.callsTo('releaseStock')).toHaveLength(1);
    expect(unavailable.callsTo('voidPayment')).toHaveLength(1);
    expect(unavailable.callsTo('cancelOrder')[0]!.event).toEqual({ orderId: 'o-1', reason: 'payment_unavailable' });
  });

  it('catches DynamoDB.ConditionalCheckFailedException from the optimized integration', async () => {
    dynamoDb
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } }));
    start(happyFunctions());
    const { description, history } = await runToEnd(service, 'orderSaga', order);

    expect(description.status).toBe('SUCCEEDED');
    const failed = detailsOf(history.find((event) => event.type === 'TaskFailed')!);
    expect(failed).toMatchObject({ resourceType: 'dynamodb', resource: 'updateItem', error: 'DynamoDB.ConditionalCheckFailedException' });
    expect(failed.cause).toContain('The conditional request failed');
    expect(published).toHaveLength(0);
    expect(history.filter((event) => event.type === 'SucceedStateEntered').map((event) => detailsOf(event).name)).toEqual(['AlreadyDecided']);
  });

  it('spreads retries over time by the scaled backoff', async () => {
    const functions = happyFunctions({
      releaseStock: (_event, call) => {
        if (call <= 3) throw new FunctionError('TransientError');
        return {};
      },
      authorizePayment: () => {
        throw new FunctionError('PaymentDeclined');
      },
    });
    published = [];
    service = createService([{ id: 'orderSaga', file: 'fixture-saga.asl.json' }], { invoker: functions }, { retryDelayScale: 0.02 });
    await runToEnd(service, 'orderSaga', order);

    // ReleaseStock: IntervalSeconds 1, BackoffRate 2, MaxDelaySeconds 8, FULL jitter: pauses ≤ 20, 40, 80 ms.
    const times = functions.callsTo('releaseStock').map((call) => call.at);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((at, index) => at - times[index]!);
    // Generous: CI machines are slow.
    for (const [index, gap] of gaps.entries()) expect(gap).toBeLessThan(20 * 2 ** index + 150);
    expect(times.at(-1)! - times[0]!).toBeLessThan(140 + 400);
  });
});
