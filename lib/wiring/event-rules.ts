import { DOMAIN_EVENT_SOURCES, EVENT_SOURCES } from '../../functions/events/contracts/event-names';
import { CUSTOMER_NOTIFICATION_EVENTS, LOW_STOCK_ALERT_EVENTS } from '../../functions/notifications/domain/notified-events';
import type { EventRuleSpec, FunctionSpec, QueueSpec, RetryPolicySpec } from './types';

/**
 * The domain bus's subscriptions (docs/events.md is their catalogue). Each pattern names both the
 * source and the detail-types, so an event with a borrowed name from another source never matches.
 */

/** In-stack Lambda subscribers: EventBridge retries a failed delivery for up to an hour. */
const functionDelivery: RetryPolicySpec = { maximumRetryAttempts: 10, maximumEventAgeSeconds: 3600 };

/** A queue is almost always available; a day of retries outlasts any SQS incident. */
const queueDelivery: RetryPolicySpec = { maximumRetryAttempts: 20, maximumEventAgeSeconds: 86_400 };

/** The one source every listed event shares (a rule that mixes sources needs one pattern per source). */
const commonSourceOf = (names: readonly (keyof typeof DOMAIN_EVENT_SOURCES)[]): string => {
  const sources = new Set(names.map((name) => DOMAIN_EVENT_SOURCES[name]));
  if (sources.size !== 1) throw new Error(`events from several sources: ${[...sources].join(', ')}`);
  return [...sources][0];
};

export const domainEventRules: EventRuleSpec[] = [
  {
    id: 'customerNotifications',
    description: 'Order confirmed, cancelled, shipped, delivered → notify the customer',
    eventPattern: { source: [commonSourceOf(CUSTOMER_NOTIFICATION_EVENTS)], 'detail-type': [...CUSTOMER_NOTIFICATION_EVENTS] },
    targets: [{ kind: 'function', functionId: 'notifyCustomer', retry: functionDelivery }],
  },
  {
    id: 'lowStockAlert',
    description: 'inventory.low_stock → alert the stock managers',
    eventPattern: { source: [commonSourceOf(LOW_STOCK_ALERT_EVENTS)], 'detail-type': [...LOW_STOCK_ALERT_EVENTS] },
    targets: [{ kind: 'function', functionId: 'alertLowStock', retry: functionDelivery }],
  },
  {
    // How another team subscribes without code in this stack: a rule with their pattern and a queue
    // they poll. Here every order lifecycle event (a prefix match on the detail-type) goes to a queue.
    id: 'exampleTeamSubscription',
    description: 'Example subscription of another team: every order.* event → the exampleSubscriber queue',
    eventPattern: { source: [EVENT_SOURCES.orders], 'detail-type': [{ prefix: 'order.' }] },
    targets: [{ kind: 'queue', queueId: 'exampleSubscriber', retry: queueDelivery }],
  },
];

export const domainEventQueues: QueueSpec[] = [
  { id: 'exampleSubscriber', description: 'Example subscriber queue: the order lifecycle events another team consumes', example: true },
];

const eventFunction = (spec: Omit<FunctionSpec, 'handler' | 'memorySize' | 'timeoutSeconds'> & Partial<FunctionSpec>): FunctionSpec => ({
  handler: 'handler',
  memorySize: 512,
  timeoutSeconds: 10,
  ...spec,
});

/** The outbox relay and the in-stack subscribers. */
export const domainEventFunctions: FunctionSpec[] = [
  eventFunction({
    id: 'publishDomainEvents',
    context: 'platform',
    description: 'Outbox relay: table stream → domain events on the bus (PutEvents)',
    entry: 'functions/events/handlers/publish-domain-events.ts',
    // Batches of up to 50 records, each PutEvents retried with backoff: more time than an API call.
    timeoutSeconds: 30,
    access: { publishEvents: true },
  }),
  eventFunction({
    id: 'notifyCustomer',
    context: 'notifications',
    description: 'order.confirmed/cancelled/shipped/delivered → customer notification (idempotent on the event id)',
    entry: 'functions/notifications/handlers/notify-customer.ts',
    access: { table: 'readWrite' },
  }),
  eventFunction({
    id: 'alertLowStock',
    context: 'notifications',
    description: 'inventory.low_stock → stock alert (idempotent on the event id)',
    entry: 'functions/notifications/handlers/alert-low-stock.ts',
    access: { table: 'readWrite' },
  }),
];
