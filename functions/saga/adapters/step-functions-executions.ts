import { DescribeExecutionCommand, RedriveExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SagaExecutionState } from '../domain/failed-saga-repair';
import { ORDER_PAYMENT_AUTHORIZATION_ARN_ENV, ORDER_SAGA_ARN_ENV, ORDER_SAGA_TYPE_ENV } from '#contracts/state-machines';
import type { SagaExecutions, SagaMachines } from '../domain/ports';

const sfn = new SFNClient({});

/** Tolerated difference between our clock and Step Functions'. */
const CLOCK_MARGIN_MS = 5000;

/** The ARN a function learns through its environment (the wiring sets each machine's `arnEnvVar`). */
export function stateMachineArnFrom(envVar: string): string {
  const arn = process.env[envVar];
  if (!arn) throw new Error(`${envVar} is not set`);
  return arn;
}

/** The order saga's machines, from the environment the wiring gives a function that starts or repairs it. */
export function sagaMachinesFromEnvironment(): SagaMachines {
  const sagaType = process.env[ORDER_SAGA_TYPE_ENV] ?? 'STANDARD';
  if (sagaType !== 'STANDARD' && sagaType !== 'EXPRESS') throw new Error(`${ORDER_SAGA_TYPE_ENV}=${sagaType} is neither STANDARD nor EXPRESS`);
  return {
    sagaArn: stateMachineArnFrom(ORDER_SAGA_ARN_ENV),
    sagaType,
    paymentAuthorizationArn: stateMachineArnFrom(ORDER_PAYMENT_AUTHORIZATION_ARN_ENV),
  };
}

/**
 * Starts an execution named after the order. A Standard state machine refuses a second execution of
 * a name (for 90 days), and hands back the running one when asked again with the same input, so however
 * often this is called for one order, at most one execution runs: `already-started` is success. An
 * Express machine does not deduplicate names: every call starts one (AWS docs, "Standard vs. Express
 * Workflows").
 */
async function startExecutionOnce(stateMachineArn: string, name: string, input: unknown): Promise<'started' | 'already-started'> {
  try {
    const askedAt = Date.now();
    const { startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    // The running execution handed back for a repeated start began before we asked.
    return startDate && startDate.getTime() < askedAt - CLOCK_MARGIN_MS ? 'already-started' : 'started';
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') return 'already-started';
    throw error;
  }
}

async function describeExecution(executionArn: string): Promise<SagaExecutionState | undefined> {
  try {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return { status: execution.status ?? 'RUNNING', redriveCount: execution.redriveCount ?? 0, redriveStatus: execution.redriveStatus };
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

/**
 * Redrives an execution that ended unsuccessfully: it continues from the state that failed. The client
 * token names the redrive (the count it makes), so two reconciler runs redriving the same failure at
 * once make one redrive; `already-redriven` when another caller's redrive is already running.
 */
async function redriveExecution(executionArn: string, redriveCount: number): Promise<'redriven' | 'already-redriven'> {
  try {
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: `redrive-${redriveCount + 1}` }));
    return 'redriven';
  } catch (error) {
    if ((error as Error).name === 'ExecutionNotRedrivable') return 'already-redriven';
    throw error;
  }
}

/** The state machines' executions through Step Functions. */
export const stepFunctionsExecutions: SagaExecutions = { startOnce: startExecutionOnce, describe: describeExecution, redrive: redriveExecution };
