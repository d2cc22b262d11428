/**
 * What the stranded-order reconciler does with the saga execution of an order still pending past the
 * threshold. Step Functions itself allows up to 1000 redrives within 14 days of the stop; a saga that
 * fails again after a few has a cause a retry will not fix, so we stop well before and tell a person.
 */

/** Redrives of one saga execution, at most; then it is given up (logged and counted every run). */
export const MAX_SAGA_REDRIVES = 3;

/** An execution as DescribeExecution shows it (`status` includes PENDING_REDRIVE, `redriveStatus` REDRIVABLE | NOT_REDRIVABLE). */
export interface SagaExecutionState {
  status: string;
  redriveCount: number;
  redriveStatus?: string;
}

export type SagaRepair =
  /** Still at work (or about to be, after a redrive): leave it alone. */
  | 'running'
  /** Ended successfully yet the order is pending: something changed the order behind the saga's back. */
  | 'succeeded-while-pending'
  /** Ended unsuccessfully and may run again from the state that failed. */
  | 'redrive'
  /** Ended unsuccessfully and will not be redriven: redriven too often, or Step Functions refuses. */
  | 'give-up';

const UNSUCCESSFUL = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

export function repairOfSaga(execution: SagaExecutionState, maxRedrives = MAX_SAGA_REDRIVES): SagaRepair {
  if (execution.status === 'SUCCEEDED') return 'succeeded-while-pending';
  if (!UNSUCCESSFUL.has(execution.status)) return 'running';
  if (execution.redriveCount >= maxRedrives || execution.redriveStatus === 'NOT_REDRIVABLE') return 'give-up';
  return 'redrive';
}

/** `arn:…:stateMachine:<machine>` + name → `arn:…:execution:<machine>:<name>` (a Standard execution's ARN). */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts[5] !== 'stateMachine' || parts.length !== 7) throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}
