/**
 * What a Standard execution is billed for, read from its history: a transition per state entered and
 * one more per retry attempt (a Task state scheduled again after a failure).
 */
import type { LocalExecutionView } from '#local/stepfunctions/api-types';

export interface ExecutionTransitions {
  /** State names in the order they were entered. */
  states: string[];
  retries: number;
  transitions: number;
}

export function countTransitions(execution: Pick<LocalExecutionView, 'history'>): ExecutionTransitions {
  const states: string[] = [];
  const scheduledPerEntry: number[] = [];
  for (const event of execution.history) {
    const name = (event as { stateEnteredEventDetails?: { name?: string } }).stateEnteredEventDetails?.name;
    if (event.type?.endsWith('StateEntered') && name) {
      states.push(name);
      scheduledPerEntry.push(0);
    }
    if (event.type === 'TaskScheduled' && scheduledPerEntry.length) scheduledPerEntry[scheduledPerEntry.length - 1]! += 1;
  }
  const retries = scheduledPerEntry.reduce((sum, scheduled) => sum + Math.max(0, scheduled - 1), 0);
  return { states, retries, transitions: states.length + retries };
}
