import { LocalServiceError } from '#local/aws-api/service-error';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { arnOf, createService, detailsOf, eventually, FakeFunctions, historyOf, typesOf } from './sfn-harness';

/**
 * The `.waitForTaskToken` shim (callback-payment.asl.json: TimeoutSeconds 60, HeartbeatSeconds 10).
 * With timeoutScale 0.01 the task times out after 600 ms and its heartbeat after 100 ms.
 */
describe('task tokens (.waitForTaskToken)', () => {
  let service: LocalStepFunctions;
  let functions: FakeFunctions;

  const tokensSent = () => functions.callsTo('requestPayment').map((call) => (call.event as { taskToken: string }).taskToken);

  const start = async (input: Record<string, unknown> = {}) => {
    const { executionArn } = await service.startExecution({
      stateMachineArn: arnOf('callback'),
      input: JSON.stringify({ orderId: 'o-1', round: 0, rounds: 1, ...input }),
    });
    return executionArn!;
  };
  const status = async (executionArn: string) => (await service.describeExecution({ executionArn })).status;
  const finished = (executionArn: string) => eventually(async () => (await status(executionArn)) !== 'RUNNING' && service.describeExecution({ executionArn }));
  const nthToken = (n: number) => eventually(() => tokensSent()[n - 1]);
  const errorCode = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => (error instanceof LocalServiceError ? error.code : String(error)),
    );

  beforeEach(() => {
    functions = new FakeFunctions({ requestPayment: () => ({ accepted: true }) });
    service = createService([{ id: 'callback', file: 'callback-payment.asl.json' }], { invoker: functions }, { timeoutScale: 0.01 });
  });
  afterEach(async () => service.close());

  it('gives every entry of the state a fresh token and completes with SendTaskSuccess output', async () => {
    const executionArn = await start({ rounds: 2 });

    const first = await nthToken(1);
    expect((functions.callsTo('requestPayment')[0]!.event as { note: string }).note).toBe(`token=${first}`);
    await service.sendTaskSuccess({ taskToken: first, output: JSON.stringify({ paymentId: 'p-1' }) });
    const second = await nthToken(2);
    expect(second).not.toBe(first);
    await service.sendTaskSuccess({ taskToken: second, output: JSON.stringify({ paymentId: 'p-2' }) });

    const description = await finished(executionArn);
    expect(description.status).toBe('SUCCEEDED');
    const history = await historyOf(service, executionArn);
    expect(typesOf(history).slice(0, 8)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
    ]);
    const scheduled = history.filter((event) => event.type === 'TaskScheduled').map(detailsOf);
    expect(scheduled.map((details) => JSON.parse(details.parameters as string).Payload.taskToken)).toEqual([first, second]);
    expect(scheduled[0]).toMatchObject({ resource: 'invoke.waitForTaskToken', resourceType: 'lambda', timeoutInSeconds: 60, heartbeatInSeconds: 10 });
    const succeeded = history.filter((event) => event.type === 'TaskSucceeded').map(detailsOf);
    expect(succeeded.map((details) => details.output)).toEqual(['{"paymentId":"p-1"}', '{"paymentId":"p-2"}']);
  });

  it('accepts the token even when it comes back before the resource call returns', async () => {
    functions = new FakeFunctions({
      requestPayment: async (event) => {
        await service.sendTaskSuccess({ taskToken: (event as { taskToken: string }).taskToken, output: '"instant"' });
        return { accepted: true };
      },
    });
    service = createService([{ id: 'callback', file: 'callback-payment.asl.json' }], { invoker: functions }, { timeoutScale: 0.01 });
    const executionArn = await start();
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    const succeeded = (await historyOf(service, executionArn)).find((event) => event.type === 'TaskSucceeded')!;
    expect(detailsOf(succeeded).output).toBe('"instant"');
  });

  it('fails the task with SendTaskFailure error and cause, which Catch routes', async () => {
    const executionArn = await start();
    await service.sendTaskFailure({ taskToken: await nthToken(1), error: 'PaymentDeclined', cause: 'insufficient funds' });

    const description = await finished(executionArn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!).failure).toEqual({ Error: 'PaymentDeclined', Cause: 'insufficient funds' });
    const failed = detailsOf((await historyOf(service, executionArn)).find((event) => event.type === 'TaskFailed')!);
    expect(failed).toMatchObject({ error: 'PaymentDeclined', cause: 'insufficient funds', resource: 'invoke.waitForTaskToken' });
  });

  it('times out after TimeoutSeconds even while heartbeats arrive, as States.Timeout', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    const beat = setInterval(() => void service.sendTaskHeartbeat({ taskToken: token }).catch(() => undefined), 30);
    try {
      const description = await finished(executionArn);
      expect(Date.now() - description.startDate! * 1000).toBeGreaterThanOrEqual(550);
      expect(JSON.parse(description.output!).failure.Error).toBe('States.Timeout');
    } finally {
      clearInterval(beat);
    }
    const history = await historyOf(service, executionArn);
    expect(detailsOf(history.find((event) => event.type === 'TaskTimedOut')!)).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'States.Timeout',
    });
    expect(history.filter((event) => event.type === 'PassStateEntered').map((event) => detailsOf(event).name)).toEqual(['PaymentTimedOut']);
    expect(await errorCode(service.sendTaskSuccess({ taskToken: token, output: '{}' }))).toBe('TaskTimedOut');
  });

  it('times out when heartbeats stop (HeartbeatSeconds): Catch can tell it from a plain timeout', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    const description = await finished(executionArn);
    expect(Date.now() - description.startDate! * 1000).toBeLessThan(500);
    const history = await historyOf(service, executionArn);
    // AWS reports a heartbeat timeout as States.Timeout; a Catch on States.HeartbeatTimeout still matches it.
    expect(detailsOf(history.find((event) => event.type === 'TaskTimedOut')!).error).toBe('States.Timeout');
    expect(history.filter((event) => event.type === 'PassStateEntered').map((event) => detailsOf(event).name)).toEqual(['HeartbeatLost']);
    expect(await errorCode(service.sendTaskHeartbeat({ taskToken: token }))).toBe('TaskTimedOut');
  });

  it('answers TaskTimedOut to a token used twice, InvalidToken to garbage, TaskDoesNotExist to a foreign token', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    await service.sendTaskSuccess({ taskToken: token, output: '{}' });
    expect(await errorCode(service.sendTaskSuccess({ taskToken: token, output: '{}' }))).toBe('TaskTimedOut');
    expect(await errorCode(service.sendTaskFailure({ taskToken: token, error: 'X' }))).toBe('TaskTimedOut');
    expect(await errorCode(service.sendTaskSuccess({ taskToken: 'not-a-token', output: '{}' }))).toBe('InvalidToken');
    const foreign = token.replace(/\.[^.]+$/, `.${'A'.repeat(32)}`);
    expect(await errorCode(service.sendTaskSuccess({ taskToken: foreign, output: '{}' }))).toBe('TaskDoesNotExist');
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
  });

  it('refuses output that is not JSON without settling the task', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    expect(await errorCode(service.sendTaskSuccess({ taskToken: token, output: '{not json' }))).toBe('InvalidOutput');
    await service.sendTaskSuccess({ taskToken: token, output: '{"ok":true}' });
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
  });

  it('idle() waits for parked executions; idle({ includeWaiting: false }) does not', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    await service.idle({ includeWaiting: false });
    expect(await status(executionArn)).toBe('RUNNING');

    let idle = false;
    const everything = service.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(idle).toBe(false);
    await service.sendTaskSuccess({ taskToken: token, output: '{}' });
    await everything;
    expect(await status(executionArn)).toBe('SUCCEEDED');
  });

  it('StopExecution aborts a parked execution and retires its token', async () => {
    const executionArn = await start();
    const token = await nthToken(1);
    const { stopDate } = await service.stopExecution({ executionArn, error: 'Cancelled', cause: 'customer cancelled' });
    expect(typeof stopDate).toBe('number');
    expect(await service.describeExecution({ executionArn })).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'customer cancelled' });
    expect(await errorCode(service.sendTaskSuccess({ taskToken: token, output: '{}' }))).toBe('TaskTimedOut');
    await service.idle();
    const history = await historyOf(service, executionArn);
    expect(history.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled', cause: 'customer cancelled' } });
  });
});
