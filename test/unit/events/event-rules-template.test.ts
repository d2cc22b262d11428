import { DomainEventRules, TableStreamConsumers } from '../../../lib/constructs';
import { domainEventFunctions, domainEventQueues, domainEventRules } from '../../../lib/wiring/event-rules';
import { domainEventStreamConsumers } from '../../../lib/wiring/event-streams';
import type { AppWiring } from '../../../lib/wiring/types';
import { DOMAIN_EVENT_NAMES } from '../../../functions/events/contracts/event-names';
import { exampleEvents } from '../../../functions/events/contracts/example-events';
import { matchesEventPattern } from '../../../local/eventbridge/event-pattern';
import { buildStack } from '../../cdk/support/test-stack';
import { logicalIdOf, resource, resourcesOfType } from '../../cdk/support/template-queries';
import { fixtureWiring } from '../../fixtures/wiring/fixture-wiring';

/** The fixture wiring with this events in place of its own, as the lead will wire them. */
const ours = new Set(domainEventFunctions.map((f) => f.id));
const wiring: AppWiring = {
  ...fixtureWiring,
  functions: [...fixtureWiring.functions.filter((f) => !ours.has(f.id)), ...domainEventFunctions],
  eventRules: domainEventRules,
  queues: domainEventQueues,
  streamConsumers: domainEventStreamConsumers,
};
const { stack, template } = buildStack('dev', { wiring });
const subscriptions = stack.node.findChild('Subscriptions') as DomainEventRules;

describe('the domain event rules in the synthesized template', () => {
  test.each(domainEventRules.map((spec) => [spec.id, spec] as const))('%s: the deployed pattern is the wiring\'s and routes the same catalogue events', (id, spec) => {
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
  });

  test('the outbox mapping reads the table stream with partial batch responses and the entity filter', () => {
    expect(stack.node.findChild('Streams')).toBeInstanceOf(TableStreamConsumers);
    const [[, mapping], ...others] = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    expect(others).toEqual([]);
    expect(mapping.Properties).toMatchObject({
      BatchSize: 50,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(domainEventStreamConsumers[0].filterPatterns![0]) }] },
    });
  });
});
