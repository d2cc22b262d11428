import type { HistoryLog } from './history-log';
import type { JsonValue } from './json';

/** Where a redrive continues an execution: a top-level state and the input it was entered with. */
export interface RedrivePoint {
  stateName: string;
  input: JsonValue;
}

/**
 * The state an unsuccessful execution stopped in, read from its history: the last top-level state it
 * entered (a Catch that routed on has entered its target, so the last one entered is where it ended),
 * with that entry's input. Undefined when no state was entered: the redrive starts at StartAt with the
 * execution's input. States inside a Map or Parallel are skipped: the container is rerun whole (AWS
 * reruns only the failed branches or iterations; none of the local machines need that).
 */
export function redrivePointOf(history: HistoryLog, topLevelStates: ReadonlySet<string>): RedrivePoint | undefined {
  const events = history.toWire();
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index]!;
    const entered = event.stateEnteredEventDetails;
    if (!event.type?.endsWith('StateEntered') || !entered?.name || !topLevelStates.has(entered.name)) continue;
    return { stateName: entered.name, input: JSON.parse(entered.input ?? '{}') as JsonValue };
  }
  return undefined;
}
