import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { arnOf, createService, detailsOf, eventually, FakeFunctions, historyOf, runToEnd, typesOf } from './sfn-harness';

describe('timeouts', () => {
  let service: LocalStepFunctions;
  afterEach(async () => service?.close());

  it('times a slow task out after TimeoutSeconds; States.TaskFailed does not retry it, States.Timeout catches it', async () => {
    let release!: () => void;
    const functions = new FakeFunctions({ slowStep: () => new Promise<unknown>((resolve) => (release = () => resolve({ late: true }))) });
    // TimeoutSeconds 2 × 0.05 = 100 ms.
    service = createService([{ id: 'slow', file: 'task-timeout.asl.json' }], { invoker: functions }, { timeoutScale: 0.05 });

    const started = Date.now();
    const { description, history } = await runToEnd(service, 'slow', { orderId: 'o-1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);

    expect(description.status).toBe('SUCCEEDED');
    expect(functions.callsTo('slowStep')).toHaveLength(1);
    expect(JSON.parse(description.output!).failure).toEqual({ Error: 'States.Timeout', Cause: '' });
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(detailsOf(history[2]!).timeoutInSeconds).toBe(2);

    // The function finishing late changes nothing.
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(typesOf(await historyOf(service, description.executionArn!))).toHaveLength(9);
  });

  it('ends an execution that outlives its TimeoutSeconds as TIMED_OUT', async () => {
    // TimeoutSeconds 10 × 0.01 = 100 ms; the Wait (300 s) is not scaled here.
    service = createService([{ id: 'late', file: 'execution-timeout.asl.json' }], { invoker: new FakeFunctions({}) }, { timeoutScale: 0.01, waitScale: 1 });
    const { executionArn } = await service.startExecution({ stateMachineArn: arnOf('late') });
    const description = await eventually(async () => {
      const current = await service.describeExecution({ executionArn });
      return current.status !== 'RUNNING' && current;
    });
    expect(description).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    await service.idle();
    const history = await historyOf(service, executionArn!);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
    expect(detailsOf(history[2]!)).toEqual({ error: 'States.Timeout' });
  });

  it('scales Wait states by waitScale', async () => {
    service = createService([{ id: 'late', file: 'execution-timeout.asl.json' }], { invoker: new FakeFunctions({}) }, { waitScale: 0.0002 });
    const started = Date.now();
    const { description } = await runToEnd(service, 'late', {});
    expect(description.status).toBe('SUCCEEDED');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(2000);
  });
});
