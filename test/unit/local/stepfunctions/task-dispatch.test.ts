import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { LocalServiceError } from '#local/aws-api/service-error';
import type { JsonValue } from '#local/stepfunctions/json';
import { retryBackoffMs } from '#local/stepfunctions/retry-backoff';
import { TaskResourceDispatcher, type ExecutionStarter, type TaskDispatchDeps } from '#local/stepfunctions/task-dispatch';
import { TaskFailure } from '#local/stepfunctions/task-failure';
import { functionIdFromName, parseTaskResource } from '#local/stepfunctions/task-resource';
import { FakeFunctions, FunctionError } from './sfn-harness';

describe('task resources', () => {
  it('parses the ARNs a Task may name', () => {
    expect(parseTaskResource('arn:aws:lambda:us-east-1:000000000000:function:reserveStock')).toMatchObject({
      target: { kind: 'lambda-function' },
      resourceType: 'lambda',
    });
    expect(parseTaskResource('arn:aws:states:::lambda:invoke')).toMatchObject({
      target: { kind: 'lambda-invoke' },
      pattern: 'request-response',
      resourceName: 'invoke',
    });
    expect(parseTaskResource('arn:aws:states:::lambda:invoke.waitForTaskToken')).toMatchObject({
      pattern: 'wait-for-task-token',
      resourceName: 'invoke.waitForTaskToken',
    });
    expect(parseTaskResource('arn:aws:states:::dynamodb:updateItem')).toMatchObject({ target: { kind: 'dynamodb', action: 'updateItem' } });
    expect(parseTaskResource('arn:aws:states:::aws-sdk:dynamodb:transactWriteItems')).toMatchObject({
      target: { kind: 'aws-sdk', service: 'dynamodb', action: 'transactWriteItems' },
      resourceType: 'aws-sdk:dynamodb',
    });
    expect(parseTaskResource('arn:aws:states:::events:putEvents.waitForTaskToken')).toMatchObject({
      target: { kind: 'events-put-events' },
      pattern: 'wait-for-task-token',
    });
    expect(parseTaskResource('arn:aws:states:::states:startExecution')).toMatchObject({ target: { kind: 'states-start-execution' } });
    for (const unsupported of [
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::sqs:sendMessage',
      'arn:aws:states:::aws-sdk:s3:getObject',
      'arn:aws:states:us-east-1:000000000000:activity:approve',
      'https://example.com',
    ]) {
      expect(parseTaskResource(unsupported).target.kind).toBe('unsupported');
    }
  });

  it('reads a function id from any FunctionName form', () => {
    expect(functionIdFromName('reserveStock')).toBe('reserveStock');
    expect(functionIdFromName('reserveStock:live')).toBe('reserveStock');
    expect(functionIdFromName('arn:aws:lambda:us-east-1:000000000000:function:reserveStock:$LATEST')).toBe('reserveStock');
    expect(functionIdFromName('000000000000:function:reserveStock')).toBe('reserveStock');
  });
});

describe('TaskResourceDispatcher', () => {
  const dynamoDb = mockClient(DynamoDBClient);
  const starter: ExecutionStarter = { startExecution: async () => ({ executionArn: 'arn:x', startDate: 1_700_000_000.5 }) };
  const dispatcher = (deps: Partial<TaskDispatchDeps> = {}) =>
    new TaskResourceDispatcher({
      invoker: new FakeFunctions({}),
      dynamoDb: new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
      ...deps,
    });
  const dispatch = (arn: string, input: JsonValue, deps?: Partial<TaskDispatchDeps>) =>
    dispatcher(deps).dispatch({
      resource: parseTaskResource(arn),
      input,
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e',
      stepFunctions: starter,
    });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => (error instanceof TaskFailure ? { error: error.name, cause: error.causeText, retryable: error.isRetryable } : error),
    );

  beforeEach(() => dynamoDb.reset());
  afterAll(() => dynamoDb.restore());

  it('lambda:invoke: InvocationType Event queues the call and answers 202', async () => {
    const functions = new FakeFunctions({ notify: () => 'ignored' });
    const output = await dispatch(
      'arn:aws:states:::lambda:invoke',
      { FunctionName: 'notify', InvocationType: 'Event', Payload: { a: 1 } },
      { invoker: functions },
    );
    expect(output).toMatchObject({ StatusCode: 202, Payload: '' });
    expect(functions.calls[0]).toMatchObject({ functionId: 'notify', event: { a: 1 }, options: { invocationType: 'Event' } });
  });

  it('names Lambda errors as Step Functions does', async () => {
    const functions = new FakeFunctions({
      boom: () => {
        throw new FunctionError('OutOfStock', 'none left');
      },
    });
    expect(await failureOf(dispatch('arn:aws:states:::lambda:invoke', { FunctionName: 'boom' }, { invoker: functions }))).toMatchObject({
      error: 'OutOfStock',
      cause: expect.stringContaining('"errorMessage":"none left"'),
    });
    expect(await failureOf(dispatch('arn:aws:states:::lambda:invoke', { FunctionName: 'missing' }, { invoker: functions }))).toMatchObject({
      error: 'Lambda.ResourceNotFoundException',
      cause: expect.stringContaining('Status Code: 404'),
    });
    const throwing = {
      invoke: async () => {
        throw new LocalServiceError('TooManyRequestsException', 'slow down', 429);
      },
    };
    expect(await failureOf(dispatch('arn:aws:states:::lambda:invoke', { FunctionName: 'x' }, { invoker: throwing }))).toMatchObject({
      error: 'Lambda.TooManyRequestsException',
    });
  });

  it.each(['Sandbox.Timedout', 'Runtime.ExitError'])(
    'reports a function that Lambda itself ended (%s: a timeout, a crashed runtime) as Lambda.Unknown, as Step Functions does',
    async (errorType) => {
      const functions = new FakeFunctions({
        slow: () => {
          throw new FunctionError(errorType, 'Task timed out after 10.00 seconds');
        },
      });
      expect(await failureOf(dispatch('arn:aws:states:::lambda:invoke', { FunctionName: 'slow' }, { invoker: functions }))).toMatchObject({
        error: 'Lambda.Unknown',
        cause: expect.stringContaining(`"errorType":"${errorType}"`),
        retryable: true,
      });
    },
  );

  it('dynamodb optimized: result plus SDK metadata; errors DynamoDB.<Exception> or DynamoDB.AmazonDynamoDBException', async () => {
    dynamoDb.on(GetItemCommand).resolves({ Item: { pk: { S: 'A' }, blob: { B: new Uint8Array([1, 2]) } }, $metadata: { requestId: 'r-1' } });
    expect(await dispatch('arn:aws:states:::dynamodb:getItem', { TableName: 't', Key: { pk: { S: 'A' } } })).toEqual({
      Item: { pk: { S: 'A' }, blob: { B: 'AQI=' } },
      SdkHttpMetadata: expect.objectContaining({ HttpStatusCode: 200 }),
      SdkResponseMetadata: { RequestId: 'r-1' },
    });
    dynamoDb
      .on(PutItemCommand)
      .rejects(Object.assign(new Error('1 validation error detected'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
    expect(await failureOf(dispatch('arn:aws:states:::dynamodb:putItem', { TableName: 't', Item: {} }))).toMatchObject({
      error: 'DynamoDB.AmazonDynamoDBException',
      cause: expect.stringContaining('Error Code: ValidationException'),
    });
  });

  it('aws-sdk:dynamodb: any action, errors DynamoDb.<Name>Exception', async () => {
    dynamoDb
      .on(TransactWriteItemsCommand)
      .rejects(
        new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }),
      );
    expect(await failureOf(dispatch('arn:aws:states:::aws-sdk:dynamodb:transactWriteItems', { TransactItems: [] }))).toMatchObject({
      error: 'DynamoDb.TransactionCanceledException',
    });
    expect(await failureOf(dispatch('arn:aws:states:::aws-sdk:dynamodb:doSomethingElse', {}))).toMatchObject({ error: 'States.Runtime', retryable: false });
  });

  it('events:putEvents fails with EventBridge.FailedEntry when an entry is refused; aws-sdk:eventbridge does not', async () => {
    const putEvents = async () => ({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'no' }] });
    const input = { Entries: [{ Source: 's', DetailType: 'd', Detail: { a: 1 } }] };
    const failure = await failureOf(dispatch('arn:aws:states:::events:putEvents', input, { putEvents }));
    expect(failure).toMatchObject({ error: 'EventBridge.FailedEntry' });
    expect(JSON.parse((failure as { cause: string }).cause)).toEqual({ Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'no' }], FailedEntryCount: 1 });
    expect(await dispatch('arn:aws:states:::aws-sdk:eventbridge:putEvents', input, { putEvents })).toMatchObject({ FailedEntryCount: 1 });
  });

  it('states:startExecution serialises an object Input and answers ExecutionArn/StartDate', async () => {
    const seen: unknown[] = [];
    const recording: ExecutionStarter = {
      startExecution: async (request) => {
        seen.push(request);
        return { executionArn: 'arn:child', startDate: 1_700_000_000.5 };
      },
    };
    const output = await dispatcher().dispatch({
      resource: parseTaskResource('arn:aws:states:::states:startExecution'),
      input: { StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:child', Input: { a: 1 }, Name: 'n' },
      executionArn: 'arn:parent',
      stepFunctions: recording,
    });
    expect(output).toEqual({ ExecutionArn: 'arn:child', StartDate: 1_700_000_000_500 });
    expect(seen).toEqual([{ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:child', name: 'n', input: '{"a":1}' }]);
  });

  it('fails clearly when a service it needs was not given', async () => {
    const bare = new TaskResourceDispatcher({ invoker: new FakeFunctions({}) });
    const failure = await failureOf(
      bare.dispatch({ resource: parseTaskResource('arn:aws:states:::dynamodb:getItem'), input: {}, executionArn: 'arn:x', stepFunctions: starter }),
    );
    expect(failure).toMatchObject({ error: 'States.Runtime', cause: expect.stringContaining('no DynamoDB client') });
  });
});

describe('retry backoff', () => {
  const retrier = { ErrorEquals: ['X'], IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5 };

  it('grows by BackoffRate and stops at MaxDelaySeconds', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryBackoffMs(retrier, attempt, 1))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryBackoffMs({ ErrorEquals: ['X'] }, 2, 1)).toBe(2000); // defaults: 1 s, rate 2
    expect(retryBackoffMs(retrier, 3, 0.001)).toBe(4);
  });

  it('with JitterStrategy FULL picks a random share of that delay', () => {
    const full = { ...retrier, JitterStrategy: 'FULL' as const };
    expect(retryBackoffMs(full, 3, 1, () => 0.25)).toBe(1000);
    expect(retryBackoffMs(full, 5, 1, () => 0.5)).toBe(2500);
    const samples = Array.from({ length: 200 }, () => retryBackoffMs(full, 2, 1));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(2000);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });
});
