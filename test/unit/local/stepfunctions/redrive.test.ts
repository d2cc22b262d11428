import { LocalServiceError } from '#local/aws-api/service-error';
import { localStateMachineArn } from '#local/local-identity';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { detailsOf, eventually, FakeFunctions, FunctionError, historyOf, typesOf } from './sfn-harness';

/**
 * RedriveExecution: an unsuccessful Standard execution continues from the state it stopped in, with
 * that state's input, in the same execution (same ARN, history appended after ExecutionRedriven).
 */

const lambdaTask = (functionId: string, next: string | undefined, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionId, 'Payload.$': '$' },
  OutputPath: '$.Payload',
  ...(next ? { Next: next } : { End: true }),
  ...extra,
});

/** Prepare (Pass) → Reserve → Charge → Ship; Charge's `Declined` is caught into Refuse. */
const definition = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { step: 'prepared' }, ResultPath: '$.prepared', Next: 'Reserve' },
    Reserve: lambdaTask('reserve', 'Charge'),
    Charge: lambdaTask('charge', 'Ship', { Catch: [{ ErrorEquals: ['Declined'], Next: 'Refuse' }] }),
    Ship: lambdaTask('ship', undefined),
    Refuse: { Type: 'Pass', Result: 'refused', End: true },
  },
};

describe('RedriveExecution', () => {
  let service: LocalStepFunctions;
  let failures: Record<string, string[]>;
  let functions: FakeFunctions;

  /** Each function answers its event plus its own mark, or throws the next queued failure. */
  const step = (id: string) => (event: unknown) => {
    const failure = failures[id]?.shift();
    if (failure) throw new FunctionError(failure);
    return { ...(event as object), [id]: true };
  };

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => (error instanceof LocalServiceError ? error.code : String(error)),
    );

  const ended = (executionArn: string) =>
    eventually(async () => {
      const description = await service.describeExecution({ executionArn });
      return description.status !== 'RUNNING' && description;
    });

  beforeEach(() => {
    failures = {};
    functions = new FakeFunctions({ reserve: step('reserve'), charge: step('charge'), ship: step('ship') });
    service = new LocalStepFunctions({
      machines: [
        { id: 'flow', arn: localStateMachineArn('flow'), type: 'STANDARD', definition },
        { id: 'fast', arn: localStateMachineArn('fast'), type: 'EXPRESS', definition },
      ],
      tasks: { invoker: functions },
      retryDelayScale: 0.001,
      waitScale: 0.001,
    });
  });
  afterEach(async () => service.close());

  it('continues a FAILED execution from the failed state with its input, without rerunning what succeeded', async () => {
    failures.charge = ['Boom'];
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('flow'), name: 'order-1', input: '{"orderId":"o-1"}' });
    const failed = await ended(executionArn!);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Boom', redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    const firstRun = await historyOf(service, executionArn!);

    const { redriveDate } = await service.redriveExecution({ executionArn });
    expect(typeof redriveDate).toBe('number');
    expect((await service.describeExecution({ executionArn })).status).toBe('RUNNING');
    const done = await ended(executionArn!);

    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      redriveDate,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven.',
    });
    expect(done.error).toBeUndefined();
    expect(JSON.parse(done.output!)).toEqual({ orderId: 'o-1', prepared: { step: 'prepared' }, reserve: true, charge: true, ship: true });
    expect(functions.callsTo('reserve')).toHaveLength(1);
    expect(functions.callsTo('charge')).toHaveLength(2);
    // The second Charge got exactly the input the first one was entered with.
    expect(functions.callsTo('charge')[1]!.event).toEqual(functions.callsTo('charge')[0]!.event);

    // One execution, one history: the first attempt's events, then ExecutionRedriven and the rest.
    const history = await historyOf(service, executionArn!);
    expect(history.slice(0, firstRun.length)).toEqual(firstRun);
    const after = history.slice(firstRun.length);
    expect(typesOf(after)[0]).toBe('ExecutionRedriven');
    expect(detailsOf(after[0]!)).toEqual({ redriveCount: 1 });
    expect(typesOf(after)).not.toContain('ExecutionStarted');
    expect(after.filter((event) => event.type === 'TaskStateEntered').map((event) => detailsOf(event).name)).toEqual(['Charge', 'Ship']);
    expect(typesOf(after).at(-1)).toBe('ExecutionSucceeded');
    expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    expect(service.executions({ name: 'order-1' })).toEqual([expect.objectContaining({ status: 'SUCCEEDED', redriveCount: 1 })]);
  });

  it('redrives again after a redriven run fails, counting every redrive', async () => {
    failures.ship = ['Boom', 'Boom'];
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('flow'), name: 'order-2', input: '{}' });
    await ended(executionArn!);
    await service.redriveExecution({ executionArn });
    expect(await ended(executionArn!)).toMatchObject({ status: 'FAILED', redriveCount: 1, redriveStatus: 'REDRIVABLE' });
    await service.redriveExecution({ executionArn });
    expect(await ended(executionArn!)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 2 });
    expect(functions.callsTo('charge')).toHaveLength(1);
    expect(functions.callsTo('ship')).toHaveLength(3);
    expect(typesOf(await historyOf(service, executionArn!)).filter((type) => type === 'ExecutionRedriven')).toHaveLength(2);
  });

  it('continues an ABORTED execution from the state it was stopped in', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    functions = new FakeFunctions({
      reserve: step('reserve'),
      charge: async (event) => {
        await held;
        return step('charge')(event);
      },
      ship: step('ship'),
    });
    await service.close();
    service = new LocalStepFunctions({
      machines: [{ id: 'flow', arn: localStateMachineArn('flow'), type: 'STANDARD', definition }],
      tasks: { invoker: functions },
      retryDelayScale: 0.001,
    });
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('flow'), name: 'order-3', input: '{}' });
    await eventually(() => functions.callsTo('charge').length === 1);
    await service.stopExecution({ executionArn, error: 'Operator', cause: 'stopped by hand' });
    release();
    // Redriven at once: the stopped run unwinds first.
    await service.redriveExecution({ executionArn });
    expect(await ended(executionArn!)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(functions.callsTo('reserve')).toHaveLength(1);
    expect(functions.callsTo('ship')).toHaveLength(1);
    const types = typesOf(await historyOf(service, executionArn!));
    expect(types.indexOf('ExecutionAborted')).toBeLessThan(types.indexOf('ExecutionRedriven'));
  });

  it('refuses what AWS refuses: running, succeeded, Express, unknown', async () => {
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('flow'), name: 'order-4', input: '{}' });
    await ended(executionArn!);
    expect(await service.describeExecution({ executionArn })).toMatchObject({ status: 'SUCCEEDED', redriveStatus: 'NOT_REDRIVABLE' });
    expect(await codeOf(service.redriveExecution({ executionArn }))).toBe('ExecutionNotRedrivable');
    expect(await codeOf(service.redriveExecution({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:flow:nope' }))).toBe('ExecutionDoesNotExist');
    expect(await codeOf(service.redriveExecution({ executionArn: 'nope' }))).toBe('InvalidArn');
    const express = await service.startExecution({ stateMachineArn: localStateMachineArn('fast'), input: '{}' });
    expect(await codeOf(service.redriveExecution({ executionArn: express.executionArn }))).toBe('InvalidArn');
  });

  it('answers a repeated client token with the same redrive for 15 minutes, and refuses a second redrive of a running one', async () => {
    failures.charge = ['Boom'];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    functions = new FakeFunctions({
      reserve: step('reserve'),
      charge: step('charge'),
      ship: async (event) => {
        await held;
        return step('ship')(event);
      },
    });
    await service.close();
    service = new LocalStepFunctions({
      machines: [{ id: 'flow', arn: localStateMachineArn('flow'), type: 'STANDARD', definition }],
      tasks: { invoker: functions },
      retryDelayScale: 0.001,
    });
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('flow'), name: 'order-5', input: '{}' });
    await ended(executionArn!);

    const [first, same] = await Promise.all([
      service.redriveExecution({ executionArn, clientToken: 'redrive-1' }),
      service.redriveExecution({ executionArn, clientToken: 'redrive-1' }),
    ]);
    expect(same).toEqual(first);
    expect(await codeOf(service.redriveExecution({ executionArn, clientToken: 'redrive-2' }))).toBe('ExecutionNotRedrivable');
    expect(await service.describeExecution({ executionArn })).toMatchObject({
      status: 'RUNNING',
      redriveCount: 1,
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven.',
    });
    release();
    expect(await ended(executionArn!)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(functions.callsTo('charge')).toHaveLength(2);

    // The token answers the same redrive for 15 minutes after its first use; then it is a new request.
    expect(await service.redriveExecution({ executionArn, clientToken: 'redrive-1' })).toEqual(first);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(first.redriveDate! * 1000 + 15 * 60_000);
    try {
      expect(await codeOf(service.redriveExecution({ executionArn, clientToken: 'redrive-1' }))).toBe('ExecutionNotRedrivable');
    } finally {
      clock.mockRestore();
    }
  });

  it('hands the redrive count to the execution context ($$.Execution.RedriveCount)', async () => {
    const counting = {
      StartAt: 'Count',
      States: {
        Count: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'charge', Payload: { 'redriveCount.$': '$$.Execution.RedriveCount' } },
          OutputPath: '$.Payload',
          End: true,
        },
      },
    };
    await service.close();
    functions = new FakeFunctions({
      charge: (event, call) => {
        if (call === 1) throw new FunctionError('Boom');
        return event;
      },
    });
    service = new LocalStepFunctions({
      machines: [{ id: 'counting', arn: localStateMachineArn('counting'), type: 'STANDARD', definition: counting }],
      tasks: { invoker: functions },
      retryDelayScale: 0.001,
    });
    const { executionArn } = await service.startExecution({ stateMachineArn: localStateMachineArn('counting'), name: 'count', input: '{}' });
    await ended(executionArn!);
    await service.redriveExecution({ executionArn });
    expect(JSON.parse((await ended(executionArn!)).output!)).toEqual({ redriveCount: 1 });
    expect(functions.callsTo('charge')[0]!.event).toEqual({ redriveCount: 0 });
  });
});
