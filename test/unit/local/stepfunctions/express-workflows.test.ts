import { UnsupportedDefinitionError } from '#local/stepfunctions/definition-catalog';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { localStateMachineArn } from '#local/local-identity';

/**
 * Express workflows as Step Functions runs them ("Choosing workflow type in Step Functions",
 * https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html): request-response
 * integrations only, at most five minutes, no redrive.
 */

const noTasks = { invoke: async () => ({ ok: true as const, payload: {}, durationMs: 0 }) };

const machine = (type: 'STANDARD' | 'EXPRESS', definition: Record<string, unknown>) =>
  new LocalStepFunctions({
    machines: [{ id: 'm', arn: localStateMachineArn('m'), type, definition }],
    tasks: { invoker: noTasks },
    waitScale: 0.001,
    timeoutScale: 0.001,
    retryDelayScale: 0.001,
  });

const callback = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'f', 'Token.$': '$$.Task.Token' },
      End: true,
    },
  },
};

describe('Express workflows in the local Step Functions', () => {
  it('refuses a definition with a callback task, as CreateStateMachine does for EXPRESS, and accepts it for STANDARD', async () => {
    expect(() => machine('EXPRESS', callback)).toThrow(UnsupportedDefinitionError);
    expect(() => machine('EXPRESS', callback)).toThrow(/request-response/);
    await machine('STANDARD', callback).close();
  });

  it('ends an execution that outlives five minutes with States.Timeout, TIMED_OUT', async () => {
    const service = machine('EXPRESS', { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 400, End: true } } });
    try {
      await service.startExecution({ stateMachineArn: localStateMachineArn('m'), name: 'long', input: '{}' });
      await service.idle();
      expect(service.executions({ name: 'long' })).toEqual([expect.objectContaining({ type: 'EXPRESS', status: 'TIMED_OUT' })]);
    } finally {
      await service.close();
    }
  });

  it('lets an Express execution of four minutes finish', async () => {
    const service = machine('EXPRESS', { StartAt: 'Short', States: { Short: { Type: 'Wait', Seconds: 240, End: true } } });
    try {
      await service.startExecution({ stateMachineArn: localStateMachineArn('m'), name: 'short', input: '{}' });
      await service.idle();
      expect(service.executions({ name: 'short' })).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    } finally {
      await service.close();
    }
  });
});
