import type { RetryPolicySpec } from '../wiring';
import { DOMAIN_EVENT_SOURCES, type DomainEventName } from './event-names';

/**
 * How a rule on the domain bus subscribes to events (docs/events.md is their catalogue). A pattern
 * names both the source and the detail-types, so an event with a borrowed name from another source
 * never matches.
 */

/**
 * In-stack Lambda subscribers: the rule's retry policy. EventBridge invokes Lambda asynchronously, so
 * this covers only a delivery Lambda refused (the function missing, the call throttled), retried for up
 * to an hour before the rule's dead-letter queue. A delivered event the function fails is retried by
 * Lambda instead, under ASYNC_INVOCATION.
 */
export const FUNCTION_DELIVERY: RetryPolicySpec = { maximumRetryAttempts: 10, maximumEventAgeSeconds: 3600 };

/**
 * What Lambda does with an event it took from EventBridge (a rule or a schedule) when the function
 * fails it: the EventInvokeConfig of every function invoked asynchronously. Two retries, about one and
 * two minutes after the failure (the most Lambda allows), then the function's on-failure queue, whose
 * depth is alarmed and which docs/events.md redrives; throttled events wait in Lambda's queue for up
 * to six hours (the most it keeps one). A subscriber outage longer than about three minutes therefore
 * parks its events in that queue instead of losing them, and a person redrives them once it is over:
 * chosen over a queue between rule and function, which would retry on its own for days but add a
 * queue, a mapping and a second retry layer to every subscriber for outages that are alarmed anyway.
 */
export const ASYNC_INVOCATION: RetryPolicySpec = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 };

/** A queue is almost always available; a day of retries outlasts any SQS incident. */
export const QUEUE_DELIVERY: RetryPolicySpec = { maximumRetryAttempts: 20, maximumEventAgeSeconds: 86_400 };

/** The pattern of exactly these events, which share one source (a rule that mixes sources needs one pattern per source). */
export function eventPatternOf(names: readonly DomainEventName[]): { source: string[]; 'detail-type': string[] } {
  const sources = new Set(names.map((name) => DOMAIN_EVENT_SOURCES[name]));
  if (sources.size !== 1) throw new Error(`events from several sources: ${[...sources].join(', ')}`);
  return { source: [...sources], 'detail-type': [...names] };
}
