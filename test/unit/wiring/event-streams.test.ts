import { marshall } from '@aws-sdk/util-dynamodb';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { notificationsWiring } from '#notifications/wiring';
import { outboxWiring } from '#outbox/wiring';

const domainEventFunctions = [...notificationsWiring.functions!, ...outboxWiring.functions!];

const [outbox] = outboxWiring.streamConsumers!;

/** A Lambda-shaped stream record with just what filter patterns look at. */
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', item: Record<string, unknown>) => ({
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb:
    eventName === 'REMOVE' ? { OldImage: marshall(item) } : { NewImage: marshall(item), ...(eventName === 'MODIFY' ? { OldImage: marshall(item) } : {}) },
});

/** Lambda invokes the function when any of the filter patterns matches (OR). */
const passes = (r: Record<string, unknown>) => (outbox.filterPatterns ?? []).some((pattern) => matchesEventPattern(pattern, r));

describe('the outbox stream consumer', () => {
  test('feeds publishDomainEvents, with partial batch semantics that keep order: bisect, retries, from the start of the stream', () => {
    expect(outboxWiring.streamConsumers!).toHaveLength(1);
    expect(outbox).toMatchObject({ functionId: 'publishDomainEvents', startingPosition: 'TRIM_HORIZON', bisectBatchOnError: true });
    expect(outbox.retryAttempts).toBeGreaterThan(0);
    expect(outbox.batchSize).toBeLessThanOrEqual(100);
    expect(domainEventFunctions.map((f) => f.id)).toContain(outbox.functionId);
  });

  test.each(['order', 'payment', 'reservation', 'product'])('inserts and updates of %s items reach the relay', (entity) => {
    expect(passes(record('INSERT', { pk: 'X#1', sk: 'X', entity }))).toBe(true);
    expect(passes(record('MODIFY', { pk: 'X#1', sk: 'X', entity }))).toBe(true);
  });

  test('deletions (TTL included), and items of other kinds, do not invoke it', () => {
    expect(passes(record('REMOVE', { pk: 'ORDER#1', sk: 'ORDER', entity: 'order' }))).toBe(false);
    for (const entity of ['idempotency', 'notification', 'circuitBreaker']) expect(passes(record('INSERT', { pk: 'X#1', sk: 'X', entity }))).toBe(false);
    expect(passes(record('INSERT', { pk: 'X#1', sk: 'X' }))).toBe(false);
  });
});
