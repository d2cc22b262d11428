import type { LatestEventData } from '#contracts/events/event-catalogue';
import type { EventSubject } from '#contracts/events/event-id';
import type { DomainEventName } from '#contracts/events/event-names';
import type { Item, StreamChange } from './stream-change';

/** An event an entity's change calls for, before it gets its id and envelope (derive-events.ts). */
export type EventDraft = {
  [N in DomainEventName]: {
    name: N;
    data: LatestEventData<N>;
    subject: EventSubject;
    /** The item's `correlationId`, when it has one. */
    correlationId?: unknown;
    /** The item's `updatedAt`, when it has one. */
    occurredAt?: unknown;
  };
}[DomainEventName];

/** The events one entity's changes produce. */
export type EntityEventRules = (change: StreamChange) => EventDraft[];

/**
 * The subject of an event about `item`. Its version is the item's `version` attribute (incremented on
 * every update); an entity without one falls back to the stream record's sequence number, which is as
 * stable across redeliveries and unique to the change.
 */
export const subjectOf = (entity: string, id: unknown, item: Item, change: StreamChange): EventSubject => ({
  entity,
  id: String(id),
  version: typeof item.version === 'number' ? item.version : `seq:${change.sequenceNumber}`,
});

/** The status attribute of an image, or undefined. */
export const statusOf = (item: Item | undefined): unknown => item?.status;

/** Whether the change moved `status` (an INSERT counts as a change from nothing). */
export const statusChanged = (change: StreamChange): boolean =>
  change.newImage !== undefined && (change.eventName === 'INSERT' || statusOf(change.oldImage) !== statusOf(change.newImage));
