import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '#contracts/events/domain-event';

/** PutEvents limits: entries per request, and bytes per request (EventBridge's own size arithmetic). */
export const MAX_ENTRIES_PER_REQUEST = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

/** The PutEvents entry for an event; `Time` is when the change was committed, so the archive and replays use it. */
export const toPutEventsEntry = (event: DomainEvent, eventBusName: string): PutEventsRequestEntry => ({
  EventBusName: eventBusName,
  Source: event.source,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.occurredAt),
});

const utf8Bytes = (text: string | undefined): number => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

/** EventBridge's documented entry size: 14 bytes for Time, UTF-8 lengths of Source, DetailType, Detail, Resources. */
export const putEventsEntrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0);

export interface EntryChunk {
  /** Positions in the entries list, in order. */
  indexes: number[];
  /** A single entry larger than a whole request: it can never be sent. */
  tooLarge: boolean;
}

/** Consecutive entries grouped into requests of at most 10 entries and 256 KB, order kept. */
export function chunkEntries(
  entries: readonly PutEventsRequestEntry[],
  limits = { maxEntries: MAX_ENTRIES_PER_REQUEST, maxBytes: MAX_REQUEST_BYTES },
): EntryChunk[] {
  const chunks: EntryChunk[] = [];
  let current: number[] = [];
  let currentBytes = 0;
  const close = () => {
    if (current.length > 0) chunks.push({ indexes: current, tooLarge: false });
    current = [];
    currentBytes = 0;
  };
  entries.forEach((entry, index) => {
    const size = putEventsEntrySize(entry);
    if (size > limits.maxBytes) {
      close();
      chunks.push({ indexes: [index], tooLarge: true });
      return;
    }
    if (current.length === limits.maxEntries || currentBytes + size > limits.maxBytes) close();
    current.push(index);
    currentBytes += size;
  });
  close();
  return chunks;
}
