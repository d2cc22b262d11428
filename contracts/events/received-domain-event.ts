import * as z from 'zod';
import { eventContract, type ReceivedEventData } from './event-catalogue';
import type { EventEnvelope } from './event-envelope';
import type { DomainEventName } from './event-names';

/**
 * What a subscriber gets after parsing an EventBridge event: the name and the validated envelope.
 * Distributes over a union of names, so a `switch (event.name)` narrows `detail.data`.
 */
export type ReceivedDomainEvent<N extends DomainEventName = DomainEventName> = N extends DomainEventName
  ? { name: N; detail: EventEnvelope<ReceivedEventData<N>> }
  : never;

/** An EventBridge event as a target receives it (only the fields we read). */
export interface BusEvent {
  source: string;
  'detail-type': string;
  detail: unknown;
}

export class UnexpectedDomainEventError extends Error {
  override readonly name = 'UnexpectedDomainEventError';
}

const receivedEnvelope = z.object({
  version: z.number().int().min(1),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  data: z.unknown(),
});

/**
 * Validates an incoming event against the catalogue. Any version is read with the latest data schema:
 * that works for older versions because each version stays backward compatible with the one before
 * (test/unit/events/event-schema-compatibility.test.ts), and for newer ones because they only add
 * optional fields, which the schema strips (a tolerant reader).
 */
export function parseDomainEvent<N extends DomainEventName>(event: BusEvent, accepted: readonly N[]): ReceivedDomainEvent<N> {
  const name = event['detail-type'] as N;
  if (!accepted.includes(name)) {
    throw new UnexpectedDomainEventError(`this subscriber does not handle ${event['detail-type']}`);
  }
  const contract = eventContract(name);
  if (event.source !== contract.source) {
    throw new UnexpectedDomainEventError(`${name} must come from ${contract.source}, not ${event.source}`);
  }
  const envelope = receivedEnvelope.safeParse(event.detail);
  if (!envelope.success) throw new UnexpectedDomainEventError(`${name}: the envelope does not match: ${z.prettifyError(envelope.error)}`);
  const data = contract.latest.data.safeParse(envelope.data.data);
  if (!data.success) throw new UnexpectedDomainEventError(`${name}: data does not match its contract: ${z.prettifyError(data.error)}`);
  return { name, detail: { ...envelope.data, data: data.data } } as ReceivedDomainEvent<N>;
}
