import { DescribeExecutionCommand, RedriveExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { tracer } from '../../shared/powertools';
import type { SagaExecutionState } from '../domain/failed-saga-repair';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

/** `arn:…:stateMachine:<machine>` + name → `arn:…:execution:<machine>:<name>` (a Standard execution's ARN). */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts[5] !== 'stateMachine' || parts.length !== 7) throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}

export async function describeExecution(executionArn: string): Promise<SagaExecutionState> {
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return { status: execution.status ?? 'RUNNING', redriveCount: execution.redriveCount ?? 0, redriveStatus: execution.redriveStatus };
}

/**
 * Redrives an execution that ended unsuccessfully: it continues from the state that failed. The client
 * token names the redrive (the count it makes), so two reconciler runs redriving the same failure at
 * once make one redrive; `already-redriven` when another caller's redrive is already running.
 */
export async function redriveExecution(executionArn: string, redriveCount: number): Promise<'redriven' | 'already-redriven'> {
  try {
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: `redrive-${redriveCount + 1}` }));
    return 'redriven';
  } catch (error) {
    if ((error as Error).name === 'ExecutionNotRedrivable') return 'already-redriven';
    throw error;
  }
}
