import { createDomainEvent, type DomainEvent } from '#contracts/events/domain-event';
import { domainEventId } from '#contracts/events/event-id';
import { ITEM_ENTITY } from '#contracts/table-design';
import type { EntityEventRules, EventDraft } from './event-draft';
import { orderChangeEvents } from './order-changes';
import { paymentChangeEvents } from './payment-changes';
import { productChangeEvents } from './product-changes';
import { reservationChangeEvents } from './reservation-changes';
import type { StreamChange } from './stream-change';

/**
 * The outbox: domain events are derived from committed state changes (the table's stream), never
 * written next to them, so an event exists if and only if its change was committed. Pure: one stream
 * change in, 0..n events out, the same events (ids included) every time it is given the same change.
 */

/** By the item's `entity` attribute; everything else in the table publishes nothing. */
const rulesByEntity = new Map<unknown, EntityEventRules>([
  [ITEM_ENTITY.order, orderChangeEvents],
  [ITEM_ENTITY.payment, paymentChangeEvents],
  [ITEM_ENTITY.reservation, reservationChangeEvents],
  [ITEM_ENTITY.product, productChangeEvents],
]);

/** The entities whose changes become domain events: the outbox's stream filter lets only these through. */
export const EVENT_SOURCING_ENTITIES = [...rulesByEntity.keys()] as string[];

/** Throws (a ZodError) when an item lacks what its event's contract requires. */
export function deriveEvents(change: StreamChange): DomainEvent[] {
  const rules = rulesByEntity.get((change.newImage ?? change.oldImage)?.entity);
  return rules ? rules(change).map((draft) => toDomainEvent(draft, change)) : [];
}

function toDomainEvent(draft: EventDraft, change: StreamChange): DomainEvent {
  const id = domainEventId(draft.subject, draft.name);
  return createDomainEvent(draft.name, {
    id,
    occurredAt: instant(draft.occurredAt) ?? change.committedAt ?? instant(change.newImage?.createdAt) ?? new Date(0).toISOString(),
    // Every item the saga or the API writes carries the order's correlation id; one that does not
    // (a product changed by an admin) starts a new chain named after the event itself.
    correlationId: typeof draft.correlationId === 'string' && draft.correlationId ? draft.correlationId : id,
    data: draft.data,
  } as Parameters<typeof createDomainEvent>[1]);
}

/** An ISO 8601 UTC instant from an item's timestamp attribute, or undefined. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
