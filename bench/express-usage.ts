/**
 * What an Express execution of the order saga is billed for beyond its request: its duration, and the
 * CloudWatch Logs it writes (its only record: an Express workflow keeps no history in Step Functions).
 * Pure: the meter (bench/order-usage-meter.ts) hands it the executions the local runtime ran.
 *
 * - Duration: billed per GB-second, the memory in 64 MB steps by the size of the execution's data and
 *   the duration rounded up to the next 100 ms (https://aws.amazon.com/step-functions/pricing/). The
 *   saga's context is a few hundred bytes: the first step, 64 MB.
 * - Logs: at level ALL every history event is a log record; at ERROR only the events of failures; at
 *   FATAL only an execution's failure; OFF nothing ("Log levels for Step Functions execution events",
 *   https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-log-level). Without
 *   execution data (the stack logs inputs and outputs only at DEBUG), a record is the event's type,
 *   ids, timestamp and the execution's ARN.
 */
import type { LocalExecutionView } from '#local/stepfunctions/api-types';

export type ExpressLogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

/** The memory step an Express execution of the saga is billed at. */
export const EXPRESS_BILLED_MEMORY_MB = 64;
const BILLING_STEP_MS = 100;

/** GB-seconds one Express execution of `durationMs` is billed for. */
export function expressBilledGbSeconds(durationMs: number): number {
  const billedMs = Math.max(1, Math.ceil(durationMs / BILLING_STEP_MS)) * BILLING_STEP_MS;
  return (EXPRESS_BILLED_MEMORY_MB / 1024) * (billedMs / 1000);
}

/** The execution's duration: from its start to its stop (to now, while it runs). */
export function executionDurationMs(execution: Pick<LocalExecutionView, 'startDate' | 'stopDate'>): number {
  return (execution.stopDate ? Date.parse(execution.stopDate) : Date.now()) - Date.parse(execution.startDate);
}

const FATAL_EVENTS = new Set(['ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);
const isError = (type: string) => FATAL_EVENTS.has(type) || /(Failed|TimedOut|Aborted)$/.test(type);

/** What CloudWatch Logs ingests for one execution at `level`, in bytes. */
export function expressLogBytes(execution: Pick<LocalExecutionView, 'executionArn' | 'history'>, level: ExpressLogLevel): number {
  if (level === 'OFF') return 0;
  return execution.history
    .filter((event) => level === 'ALL' || (level === 'ERROR' ? isError(event.type ?? '') : FATAL_EVENTS.has(event.type ?? '')))
    .reduce((sum, event) => sum + logRecordBytes(execution.executionArn, event), 0);
}

/** One log record as Step Functions writes it, without execution data (no input or output). */
function logRecordBytes(executionArn: string, event: LocalExecutionView['history'][number]): number {
  const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
  const { input: _input, output: _output, ...withoutData } = details ?? {};
  const record = {
    id: String(event.id),
    type: event.type,
    details: withoutData,
    previous_event_id: String(event.previousEventId ?? 0),
    event_timestamp: String(Date.parse(event.timestamp)),
    execution_arn: executionArn,
  };
  return Buffer.byteLength(JSON.stringify(record));
}
