import type { LocalEventBus, PutEventsRequest, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry } from '../eventbridge/local-event-bus';
import { assertValidPutEventsRequest } from '../eventbridge/put-events-request';

/**
 * EventBridge's PutEvents across the runtime's buses: each entry goes to the bus its `EventBusName`
 * names, and an entry that names none to the account's default bus, as on AWS ("PutEvents": "If you
 * omit [EventBusName], the default event bus is used"). The answer keeps the entries' order.
 */
export class EventBusRouter {
  constructor(
    private readonly domainBus: () => LocalEventBus,
    private readonly defaultBus: () => LocalEventBus,
  ) {}

  putEvents(request: PutEventsRequest): PutEventsResponse {
    assertValidPutEventsRequest(request);
    const toDefault: { index: number; entry: PutEventsRequestEntry }[] = [];
    const toDomain: { index: number; entry: PutEventsRequestEntry }[] = [];
    request.Entries.forEach((entry, index) => {
      (isDefaultBus(entry?.EventBusName) ? toDefault : toDomain).push({ index, entry });
    });
    const results: PutEventsResultEntry[] = new Array(request.Entries.length);
    const send = (bus: LocalEventBus, batch: typeof toDomain, busName?: string) => {
      if (batch.length === 0) return;
      const answer = bus.putEvents({ Entries: batch.map(({ entry }) => (busName ? { ...entry, EventBusName: busName } : entry)) });
      answer.Entries.forEach((result, i) => {
        results[batch[i]!.index] = result;
      });
    };
    send(this.domainBus(), toDomain);
    // Named explicitly: a bus takes an entry without a name for the default bus, not for itself.
    send(this.defaultBus(), toDefault, this.defaultBus().busName);
    return { Entries: results, FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length };
  }
}

const isDefaultBus = (name: string | undefined): boolean => name === undefined || name === '' || name === 'default' || /:event-bus\/default$/.test(name);
