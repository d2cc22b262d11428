import type { DefinitionCatalog } from './definition-catalog';
import { deepCopy, isJsonObject, type JsonObject, type JsonValue } from './json';

/**
 * The copy of a definition that aws-local-stepfunctions actually runs. The shim takes over what the
 * library gets wrong or cannot scale, and leaves the rest (Choice, Pass, Parallel, Map, Catch, paths,
 * intrinsics) to the library:
 * - Task `TimeoutSeconds`/`HeartbeatSeconds` (and their `*Path` forms): the library's own timer would
 *   default to 60 s and cannot be scaled, so it is parked at the longest possible timer and the shim
 *   times tasks out itself.
 * - Task `Retry` backoff: set to 0 here; the shim sleeps the real (scaled) backoff at the start of the
 *   next attempt, where the wait is visible (idle tracking) and cancellable (StopExecution).
 * - Map/Parallel `Retry` intervals: scaled in place (the library sleeps them).
 * - Wait states become Tasks of a local resource whose handler sleeps the (scaled) duration; the history
 *   still names them Wait states.
 * - `States.Timeout` in ErrorEquals also matches the shim's heartbeat timeouts, as on AWS.
 * - The execution's top-level `TimeoutSeconds` is scaled.
 */

/** setTimeout's ceiling (2^31-1 ms); a longer delay would fire at once. */
export const MAX_TIMER_SECONDS = 2_147_483;
/** The resource a Wait state turns into; only the Wait override ever sees it. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** Thrown name of a heartbeat timeout (AWS reports it as States.Timeout; Catch/Retry may name either). */
export const HEARTBEAT_TIMEOUT_ERROR = 'States.HeartbeatTimeout';

export interface RunnableScales {
  retryDelayScale: number;
  timeoutScale: number;
}

export function buildRunnableDefinition(definition: JsonObject, catalog: DefinitionCatalog, scales: RunnableScales): JsonObject {
  const runnable = deepCopy(definition);
  rewriteMachine(runnable, scales);
  if (catalog.timeoutSeconds !== undefined) {
    runnable.TimeoutSeconds = Math.min(MAX_TIMER_SECONDS, catalog.timeoutSeconds * scales.timeoutScale);
  }
  return runnable;
}

function rewriteMachine(machine: JsonObject, scales: RunnableScales): void {
  const states = machine.States as JsonObject;
  for (const [name, value] of Object.entries(states)) {
    const state = value as JsonObject;
    addHeartbeatSynonyms(state);
    switch (state.Type) {
      case 'Task':
        state.TimeoutSeconds = MAX_TIMER_SECONDS;
        delete state.TimeoutSecondsPath;
        delete state.HeartbeatSeconds;
        delete state.HeartbeatSecondsPath;
        for (const retrier of retriers(state)) {
          retrier.IntervalSeconds = 0;
          delete retrier.MaxDelaySeconds;
          delete retrier.JitterStrategy;
        }
        break;
      case 'Wait':
        states[name] = waitAsLocalTask(state);
        break;
      case 'Parallel':
        scaleRetriers(state, scales.retryDelayScale);
        for (const branch of state.Branches as JsonObject[]) rewriteMachine(branch, scales);
        break;
      case 'Map':
        scaleRetriers(state, scales.retryDelayScale);
        rewriteMachine((state.ItemProcessor ?? state.Iterator) as JsonObject, scales);
        break;
      default:
        break;
    }
  }
}

function waitAsLocalTask(wait: JsonObject): JsonObject {
  const task: JsonObject = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: MAX_TIMER_SECONDS };
  for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
    if (field in wait) task[field] = wait[field] as JsonValue;
  }
  return task;
}

function retriers(state: JsonObject): JsonObject[] {
  return Array.isArray(state.Retry) ? (state.Retry.filter(isJsonObject) as JsonObject[]) : [];
}

function scaleRetriers(state: JsonObject, scale: number): void {
  for (const retrier of retriers(state)) {
    retrier.IntervalSeconds = (typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1) * scale;
    if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds *= scale;
  }
}

function addHeartbeatSynonyms(state: JsonObject): void {
  for (const field of ['Retry', 'Catch']) {
    const list = state[field];
    if (!Array.isArray(list)) continue;
    for (const rule of list) {
      if (!isJsonObject(rule) || !Array.isArray(rule.ErrorEquals)) continue;
      if (rule.ErrorEquals.includes('States.Timeout') && !rule.ErrorEquals.includes(HEARTBEAT_TIMEOUT_ERROR)) {
        rule.ErrorEquals.push(HEARTBEAT_TIMEOUT_ERROR);
      }
    }
  }
}

/** Every state of a (runnable) definition by name, nested ones included. */
export function indexStates(machine: JsonObject, into = new Map<string, JsonObject>()): Map<string, JsonObject> {
  for (const [name, value] of Object.entries(machine.States as JsonObject)) {
    const state = value as JsonObject;
    into.set(name, state);
    if (state.Type === 'Parallel') for (const branch of state.Branches as JsonObject[]) indexStates(branch, into);
    if (state.Type === 'Map') indexStates((state.ItemProcessor ?? state.Iterator) as JsonObject, into);
  }
  return into;
}
