import type { DomainEvent } from '#contracts/events/domain-event';
import type { StreamChange } from './stream-change';

/** What the outbox relay needs: a publisher of domain events, a reader of stream records, a log. */

/** Publishes events in order; says which ones could not be published. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<PublishOutcome>;
}

export interface PublishOutcome {
  /** Positions (in the list given) of the events not published. */
  failed: ReadonlySet<number>;
}

export interface PublisherLog {
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface RelayLog {
  info(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/** A stream record as the committed change it shows; throws for a record that is not one. */
export type StreamChangeReader<StreamRecord> = (record: StreamRecord) => StreamChange;
