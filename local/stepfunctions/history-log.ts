import type { HistoryEventType, LocalHistoryEvent, WireHistoryEvent } from './api-types';

/**
 * One execution's events in the order they happened, named and shaped as GetExecutionHistory returns
 * them: sequential ids from 1, `previousEventId`, and each type's `*EventDetails` member.
 */

type Details = Record<string, unknown>;

export interface HistoryEntry {
  id: number;
  previousEventId: number;
  timestampMs: number;
  type: HistoryEventType;
  details?: Details;
}

/** Detail members that carry execution data (dropped when `includeExecutionData` is false). */
const DATA_FIELDS = new Set(['input', 'output', 'parameters', 'inputDetails', 'outputDetails']);

/** `TaskStateEntered` → `stateEnteredEventDetails`, `TaskScheduled` → `taskScheduledEventDetails`. */
export function detailsMemberOf(type: HistoryEventType): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

export class HistoryLog {
  private readonly entries: HistoryEntry[] = [];
  /** Told after every event appended (the execution store writes the execution then). */
  onAppend?: () => void;

  /** A history kept from an earlier run (execution-store.ts), going on from its last event. */
  static restored(entries: readonly HistoryEntry[]): HistoryLog {
    const log = new HistoryLog();
    log.entries.push(...entries);
    return log;
  }

  /** The events as kept on disk. */
  kept(): readonly HistoryEntry[] {
    return this.entries;
  }

  append(type: HistoryEventType, details?: Details): void {
    const previous = this.entries.at(-1);
    const id = this.entries.length + 1;
    // AWS chains the first state entered to 0, not to ExecutionStarted.
    const previousEventId = !previous || (previous.type === 'ExecutionStarted' && type.endsWith('StateEntered')) ? 0 : previous.id;
    this.entries.push({ id, previousEventId, timestampMs: Date.now(), type, details: details && dropUndefined(details) });
    this.onAppend?.();
  }

  get length(): number {
    return this.entries.length;
  }

  types(): HistoryEventType[] {
    return this.entries.map((entry) => entry.type);
  }

  toWire(includeExecutionData = true): WireHistoryEvent[] {
    return this.entries.map((entry) => {
      const event: Record<string, unknown> = { timestamp: entry.timestampMs / 1000, type: entry.type, id: entry.id, previousEventId: entry.previousEventId };
      if (entry.details) {
        event[detailsMemberOf(entry.type)] = includeExecutionData
          ? { ...entry.details }
          : Object.fromEntries(Object.entries(entry.details).filter(([key]) => !DATA_FIELDS.has(key)));
      }
      return event as WireHistoryEvent;
    });
  }

  toLocal(): LocalHistoryEvent[] {
    return this.toWire().map((event) => ({ ...event, timestamp: new Date((event.timestamp ?? 0) * 1000).toISOString() }));
  }
}

function dropUndefined(details: Details): Details {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined && value !== ''));
}
