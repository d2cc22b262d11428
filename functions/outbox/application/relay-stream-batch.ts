import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { DomainEvent } from '#contracts/events/domain-event';
import { deriveEvents } from '../domain/derive-events';
import type { EventPublisher, RelayLog, StreamChangeReader } from '../domain/ports';

export interface RelayOutcome {
  /** Lambda's partial batch response (ReportBatchItemFailures). */
  response: DynamoDBBatchResponse;
  published: number;
  /** The events that went out, for counting business metrics from them. */
  publishedEvents: DomainEvent[];
  failedRecords: number;
}

/**
 * One stream batch → its domain events on the bus. A record succeeds when all its events were
 * published. The first record that does not (its events could not be derived or published) is
 * reported with every record after it: Lambda resumes the shard from the lowest reported sequence
 * number, so the shard's order is kept and nothing is skipped; events of later records that did go out
 * are sent again with the same ids, which subscribers deduplicate.
 */
export async function relayStreamBatch(
  records: DynamoDBRecord[],
  deps: { publisher: EventPublisher; log: RelayLog; changeOf: StreamChangeReader<DynamoDBRecord> },
): Promise<RelayOutcome> {
  const derived: { record: DynamoDBRecord; events: DomainEvent[] }[] = [];
  for (const record of records) {
    try {
      derived.push({ record, events: deriveEvents(deps.changeOf(record)) });
    } catch (error) {
      deps.log.error('stream record does not make valid domain events', {
        correlationId: record.dynamodb?.NewImage?.correlationId?.S,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error: error instanceof Error ? error.message : String(error),
      });
      break;
    }
  }

  const events = derived.flatMap((entry) => entry.events);
  const { failed } = events.length > 0 ? await deps.publisher.publish(events) : { failed: new Set<number>() };

  let firstFailedRecord = derived.length;
  let position = 0;
  const publishedEvents: DomainEvent[] = [];
  derived.forEach(({ record, events: recordEvents }, recordIndex) => {
    for (const event of recordEvents) {
      const published = !failed.has(position++);
      if (!published && firstFailedRecord > recordIndex) firstFailedRecord = recordIndex;
      if (published) {
        publishedEvents.push(event);
        deps.log.info('domain event published', {
          correlationId: event.detail.correlationId,
          eventId: event.detail.id,
          detailType: event.detailType,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
      }
    }
  });

  const reported = records.slice(firstFailedRecord);
  return {
    response: { batchItemFailures: reported.map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })) },
    published: events.length - failed.size,
    publishedEvents,
    failedRecords: reported.length,
  };
}
