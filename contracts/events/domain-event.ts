import { eventContract, type LatestEventData } from './event-catalogue';
import type { EventEnvelope } from './event-envelope';
import type { DomainEventName, EventSource } from './event-names';

/** A domain event ready for the bus: `source`, `detail-type` and the envelope as `detail`. */
export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  source: EventSource;
  detailType: N;
  detail: EventEnvelope<LatestEventData<N>>;
}

export interface DomainEventFacts<N extends DomainEventName> {
  id: string;
  occurredAt: string;
  correlationId: string;
  data: LatestEventData<N>;
}

/**
 * Builds the latest version of an event and checks it against its contract, so nothing that breaks
 * the published schema ever reaches the bus. Throws a ZodError when it would.
 */
export function createDomainEvent<N extends DomainEventName>(name: N, facts: DomainEventFacts<N>): DomainEvent<N> {
  const contract = eventContract(name);
  const detail = contract.latestDetail.parse({ version: contract.latest.version, ...facts }) as EventEnvelope<LatestEventData<N>>;
  return { source: contract.source, detailType: name, detail };
}
