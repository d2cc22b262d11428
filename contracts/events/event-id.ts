import { createHash } from 'node:crypto';

/**
 * Deterministic event ids. The same committed state change always yields the same id, however often
 * the stream record is redelivered or the batch retried, so consumers recognise duplicates by
 * `detail.id` alone. Ids are RFC 9562 version-5 UUIDs (SHA-1, name-based) in our own namespace.
 */

/** The ordersaga domain-event namespace (a fixed random UUID; changing it changes every id). */
export const DOMAIN_EVENT_ID_NAMESPACE = '3c1f7a52-8e0b-4d6e-9f41-2b7c5d0e8a19';

/** RFC 9562, section 5.5: UUIDv5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = DOMAIN_EVENT_ID_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The state change an event reports: which entity, and which version of it. */
export interface EventSubject {
  /** The item's `entity` attribute: order, payment, reservation, product. */
  entity: string;
  id: string;
  /** The item's `version` after the change (or another value unique to the change, see derive-events.ts). */
  version: string | number;
}

export const domainEventId = (subject: EventSubject, eventName: string): string => uuidV5(`${subject.entity}#${subject.id}#${subject.version}#${eventName}`);
