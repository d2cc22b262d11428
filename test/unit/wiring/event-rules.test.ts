import { DOMAIN_EVENT_NAMES, type DomainEventName } from '#contracts/events/event-names';
import { exampleEvents } from '#contracts/events/example-events';
import type { EventRuleSpec } from '#contracts/wiring';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { LocalEventBus } from '#local/eventbridge/local-event-bus';
import { assertValidRetryPolicy } from '#local/eventbridge/retry-backoff';
import type { FunctionInvoker } from '#local/lambda/function-invoker';
import { appWiring } from '#lib/wiring';
import { notificationsWiring } from '#notifications/wiring';
import { outboxWiring } from '#outbox/wiring';

const domainEventFunctions = [...notificationsWiring.functions!, ...outboxWiring.functions!];

const rule = (id: string): EventRuleSpec => appWiring.eventRules.find((r) => r.id === id)!;

/** Each rule and exactly the events it exists for; every other catalogue event is a negative case. */
const INTENDED: Record<string, DomainEventName[]> = {
  customerNotifications: ['order.confirmed', 'order.cancelled', 'order.shipped', 'order.delivered'],
  lowStockAlert: ['inventory.low_stock'],
  exampleTeamSubscription: ['order.placed', 'order.confirmed', 'order.cancelled', 'order.shipped', 'order.delivered'],
};

const matching = (spec: EventRuleSpec) =>
  DOMAIN_EVENT_NAMES.filter((name) =>
    exampleEvents(name).every((event) => matchesEventPattern(spec.eventPattern, event as unknown as Record<string, unknown>)),
  );

describe('domain event rules', () => {
  test("include these three, each rule with a distinct id (a new subscriber's own test checks its rule)", () => {
    const ids = appWiring.eventRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(Object.keys(INTENDED)));
  });

  test.each(Object.entries(INTENDED))('%s matches exactly its events among every catalogue example', (id, intended) => {
    expect(matching(rule(id)).sort()).toEqual([...intended].sort());
  });

  test.each(Object.entries(INTENDED))('%s ignores its events from any other source, and other detail-types from its source', (id, intended) => {
    const [event] = exampleEvents(intended[0]);
    const pattern = rule(id).eventPattern;
    expect(matchesEventPattern(pattern, { ...event, source: 'attacker.orders' })).toBe(false);
    expect(matchesEventPattern(pattern, { ...event, 'detail-type': `${intended[0]}.v2` })).toBe(id === 'exampleTeamSubscription'); // the prefix rule takes any order.*
    expect(matchesEventPattern(pattern, { ...event, 'detail-type': 'Order.Confirmed' })).toBe(false);
  });

  test('every target has a retry policy EventBridge accepts, and names a declared function or queue', () => {
    const functionIds = new Set(domainEventFunctions.map((f) => f.id));
    const queueIds = new Set(appWiring.queues.map((q) => q.id));
    for (const spec of appWiring.eventRules) {
      expect(spec.targets.length).toBeGreaterThan(0);
      for (const target of spec.targets) {
        assertValidRetryPolicy(target.retry, `${spec.id}`);
        if (target.kind === 'function') expect(functionIds).toContain(target.functionId);
        else expect(queueIds).toContain(target.queueId);
      }
    }
  });

  test('the example subscription delivers to a queue (how another team subscribes)', () => {
    expect(rule('exampleTeamSubscription').targets).toEqual([{ kind: 'queue', queueId: 'exampleSubscriber', retry: expect.any(Object) }]);
  });

  test('function access: the publisher may put events; the subscribers write the table', () => {
    const access = Object.fromEntries(domainEventFunctions.map((f) => [f.id, f.access]));
    expect(access).toMatchObject({
      publishDomainEvents: { publishEvents: true },
      notifyCustomer: { table: 'readWrite' },
      alertLowStock: { table: 'readWrite' },
    });
  });

  test("on the local runtime's bus, each example event reaches exactly the intended subscribers", async () => {
    const invoked: { functionId: string; detailType: string }[] = [];
    const invoker: FunctionInvoker = {
      invoke: async (functionId, event) => {
        invoked.push({ functionId, detailType: (event as { 'detail-type': string })['detail-type'] });
        return { ok: true, payload: null, durationMs: 1 };
      },
    };
    const bus = new LocalEventBus({ busName: 'ordersaga-test', rules: appWiring.eventRules, invoker, retryBaseDelayMs: 1 });
    for (const name of DOMAIN_EVENT_NAMES) {
      const [event] = exampleEvents(name);
      const response = bus.putEvents({
        Entries: [{ EventBusName: 'ordersaga-test', Source: event.source, DetailType: name, Detail: JSON.stringify(event.detail) }],
      });
      expect(response.FailedEntryCount).toBe(0);
    }
    await bus.idle();
    bus.close();
    const by = (functionId: string) =>
      invoked
        .filter((i) => i.functionId === functionId)
        .map((i) => i.detailType)
        .sort();
    expect(by('notifyCustomer')).toEqual([...INTENDED.customerNotifications].sort());
    expect(by('alertLowStock')).toEqual(INTENDED.lowStockAlert);
    expect(
      bus
        .queueMessages('exampleSubscriber')
        .map((m) => (m as { 'detail-type': string })['detail-type'])
        .sort(),
    ).toEqual([...INTENDED.exampleTeamSubscription].sort());
  });
});
