import { EVENT_SOURCES } from '#contracts/events/event-names';
import { QUEUE_DELIVERY } from '#contracts/events/subscriptions';
import type { ContextWiring } from '#contracts/wiring';
import { functionsIn } from '#contracts/wiring-declarations';
import { EVENT_SOURCING_ENTITIES } from './domain/derive-events';

const relay = functionsIn('outbox', { memorySize: 512, timeoutSeconds: 10 });

/**
 * The outbox relay: every committed change of an event-sourcing entity, read from the table's
 * stream, becomes its domain events on the bus. Not a bounded context of its own (it has no data):
 * it is deployed with the platform. Also the bus's example of another team's subscription.
 */
export const outboxWiring: ContextWiring = {
  functions: [
    relay({
      id: 'publishDomainEvents',
      context: 'platform',
      description: 'Outbox relay: table stream → domain events on the bus (PutEvents)',
      // Batches of up to 50 records, each PutEvents retried with backoff: more time than an API call.
      timeoutSeconds: 30,
      access: { publishEvents: true },
    }),
  ],
  streamConsumers: [
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
  ],
  eventRules: [
    {
      // How another team subscribes without code in this stack: a rule with their pattern and a queue
      // they poll. Here every order lifecycle event (a prefix match on the detail-type) goes to a queue.
      id: 'exampleTeamSubscription',
      description: 'Example subscription of another team: every order.* event → the exampleSubscriber queue',
      eventPattern: { source: [EVENT_SOURCES.orders], 'detail-type': [{ prefix: 'order.' }] },
      targets: [{ kind: 'queue', queueId: 'exampleSubscriber', retry: QUEUE_DELIVERY }],
    },
  ],
  queues: [{ id: 'exampleSubscriber', description: 'Example subscriber queue: the order lifecycle events another team consumes', example: true }],
};
