import { type DomainEventRules, TableStreamConsumers } from '#lib/constructs';
import type { AppWiring } from '#contracts/wiring';
import { DOMAIN_EVENT_NAMES } from '#contracts/events/event-names';
import { exampleEvents } from '#contracts/events/example-events';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { buildStack } from '#test/cdk/support/test-stack';
import { logicalIdOf, resource, resourcesOfType } from '#test/cdk/support/template-queries';
import { fixtureWiring } from '#test/fixtures/wiring/fixture-wiring';
import { appWiring } from '#lib/wiring';
import { notificationsWiring } from '#notifications/wiring';
import { outboxWiring } from '#outbox/wiring';

const domainEventFunctions = [...notificationsWiring.functions!, ...outboxWiring.functions!];

/** The fixture wiring with the app's event rules, queues and subscribers in place of its own. */
const ours = new Set(domainEventFunctions.map((f) => f.id));
const wiring: AppWiring = {
  ...fixtureWiring,
  functions: [...fixtureWiring.functions.filter((f) => !ours.has(f.id)), ...domainEventFunctions],
  eventRules: appWiring.eventRules,
  queues: appWiring.queues,
  streamConsumers: outboxWiring.streamConsumers!,
};
const { stack, template } = buildStack('dev', { wiring });
const subscriptions = stack.node.findChild('Subscriptions') as DomainEventRules;

describe('the domain event rules in the synthesized template', () => {
  test.each(appWiring.eventRules.map((spec) => [spec.id, spec] as const))(
    "%s: the deployed pattern is the wiring's and routes the same catalogue events",
    (id, spec) => {
      const deployed = resource(template, logicalIdOf(subscriptions.rules.get(id)!)).Properties;
      expect(deployed.EventPattern).toEqual(spec.eventPattern);
      const routed = (pattern: Record<string, unknown>) =>
        DOMAIN_EVENT_NAMES.filter((name) => exampleEvents(name).every((event) => matchesEventPattern(pattern, event as unknown as Record<string, unknown>)));
      expect(routed(deployed.EventPattern)).toEqual(routed(spec.eventPattern));
      for (const [index, target] of (deployed.Targets as any[]).entries()) {
        expect(target.RetryPolicy).toEqual({
          MaximumRetryAttempts: spec.targets[index].retry.maximumRetryAttempts,
          MaximumEventAgeInSeconds: spec.targets[index].retry.maximumEventAgeSeconds,
        });
        expect(target.DeadLetterConfig).toEqual({ Arn: expect.anything() });
      }
    },
  );

  test('the outbox mapping reads the table stream with partial batch responses and the entity filter', () => {
    expect(stack.node.findChild('Streams')).toBeInstanceOf(TableStreamConsumers);
    const [[, mapping], ...others] = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    expect(others).toEqual([]);
    expect(mapping.Properties).toMatchObject({
      BatchSize: 50,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(outboxWiring.streamConsumers![0].filterPatterns![0]) }] },
    });
  });
});
