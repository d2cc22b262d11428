import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '#contracts/events/domain-event';
import type { EventPublisher, PublisherLog, PublishOutcome } from '../domain/ports';
import { chunkEntries, toPutEventsEntry } from './put-events-entries';

export interface EventBridgePublisherOptions {
  client: EventBridgeClient;
  eventBusName: string;
  log: PublisherLog;
  /** Sends of a request, the first included, before its still-failing entries count as failed. Default 4. */
  maxAttempts?: number;
  /** First backoff delay; doubles per retry, capped at 2 s, full jitter. Default 100 ms. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const MAX_DELAY_MS = 2000;

/**
 * Domain events → PutEvents on the domain bus, in requests of at most 10 entries / 256 KB. A partial
 * failure (FailedEntryCount > 0) resends only the entries that failed, a few times with backoff; a
 * request that throws (after the SDK's own retries) counts as all its entries failed.
 *
 * Once a request still has failures after its retries, the requests after it are not sent: their
 * stream records will be retried after the failed one anyway, and sending them now would only let
 * later changes overtake earlier ones and add duplicates.
 */
export class EventBridgePublisher implements EventPublisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: EventBridgePublisherOptions) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async publish(events: readonly DomainEvent[]): Promise<PublishOutcome> {
    const entries = events.map((event) => toPutEventsEntry(event, this.options.eventBusName));
    const failed = new Set<number>();
    for (const chunk of chunkEntries(entries)) {
      if (failed.size > 0) {
        for (const index of chunk.indexes) failed.add(index);
        continue;
      }
      if (chunk.tooLarge) {
        const [index] = chunk.indexes;
        this.options.log.error('domain event larger than a PutEvents request: not publishable', { ...describe(events[index]) });
        failed.add(index);
        continue;
      }
      for (const index of await this.sendWithRetries(chunk.indexes, entries, events)) failed.add(index);
    }
    return { failed };
  }

  /** Returns the indexes still failing after the last attempt. */
  private async sendWithRetries(indexes: number[], entries: PutEventsRequestEntry[], events: readonly DomainEvent[]): Promise<number[]> {
    let pending = indexes;
    for (let attempt = 1; ; attempt++) {
      pending = await this.sendOnce(pending, entries, events);
      if (pending.length === 0) return [];
      if (attempt >= this.maxAttempts) {
        for (const index of pending) this.options.log.error('domain event not published after retries', { ...describe(events[index]), attempts: attempt });
        return pending;
      }
      await this.sleep(this.backoffMs(attempt));
    }
  }

  private async sendOnce(indexes: number[], entries: PutEventsRequestEntry[], events: readonly DomainEvent[]): Promise<number[]> {
    try {
      const response = await this.options.client.send(new PutEventsCommand({ Entries: indexes.map((index) => entries[index]) }));
      if (!response.FailedEntryCount) return [];
      // Results come back in request order; an entry failed when it has an ErrorCode (or no EventId).
      return indexes.filter((index, position) => {
        const result = response.Entries?.[position];
        const entryFailed = !result?.EventId || result.ErrorCode !== undefined;
        if (entryFailed)
          this.options.log.warn('PutEvents entry failed', { ...describe(events[index]), errorCode: result?.ErrorCode, errorMessage: result?.ErrorMessage });
        return entryFailed;
      });
    } catch (error) {
      for (const index of indexes) this.options.log.warn('PutEvents request failed', { ...describe(events[index]), error: (error as Error).message });
      return indexes;
    }
  }

  /** Full jitter: anywhere from 0 to the exponential delay. */
  private backoffMs(attempt: number): number {
    return this.random() * Math.min(this.baseDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS);
  }
}

const describe = (event: DomainEvent) => ({ correlationId: event.detail.correlationId, eventId: event.detail.id, detailType: event.detailType });
