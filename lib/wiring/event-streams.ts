import type { StreamConsumerSpec } from './types';

/** The entities whose changes become domain events (functions/events/outbox/derive-events.ts). */
export const EVENT_SOURCING_ENTITIES = ['order', 'payment', 'reservation', 'product'] as const;

export const domainEventStreamConsumers: StreamConsumerSpec[] = [
  {
    id: 'domainEventOutbox',
    functionId: 'publishDomainEvents',
    batchSize: 50,
    // Events should reach subscribers promptly; Lambda still batches what has accumulated.
    maxBatchingWindowSeconds: 0,
    // The outbox must not skip changes committed before the mapping existed.
    startingPosition: 'TRIM_HORIZON',
    // With partial batch responses each retry restarts at the first unpublished record; after these,
    // the batch's records go to the on-failure queue and the shard moves on.
    retryAttempts: 10,
    bisectBatchOnError: true,
    // Only inserts and updates of the entities that publish events invoke the relay: idempotency
    // records, notifications and TTL deletions never do.
    filterPatterns: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: [...EVENT_SOURCING_ENTITIES] } } } }],
  },
];
