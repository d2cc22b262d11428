import type { RetryPolicySpec } from '../wiring';
import { DOMAIN_EVENT_SOURCES, type DomainEventName } from './event-names';

/**
 * How a rule on the domain bus subscribes to events (docs/events.md is their catalogue). A pattern
 * names both the source and the detail-types, so an event with a borrowed name from another source
 * never matches.
 */

/** In-stack Lambda subscribers: EventBridge retries a failed delivery for up to an hour. */
export const FUNCTION_DELIVERY: RetryPolicySpec = { maximumRetryAttempts: 10, maximumEventAgeSeconds: 3600 };

/** A queue is almost always available; a day of retries outlasts any SQS incident. */
export const QUEUE_DELIVERY: RetryPolicySpec = { maximumRetryAttempts: 20, maximumEventAgeSeconds: 86_400 };

/** The pattern of exactly these events, which share one source (a rule that mixes sources needs one pattern per source). */
export function eventPatternOf(names: readonly DomainEventName[]): { source: string[]; 'detail-type': string[] } {
  const sources = new Set(names.map((name) => DOMAIN_EVENT_SOURCES[name]));
  if (sources.size !== 1) throw new Error(`events from several sources: ${[...sources].join(', ')}`);
  return { source: [...sources], 'detail-type': [...names] };
}
