import { type DomainEventBus, DOMAIN_EVENT_SOURCE_PREFIX, EVENTS_TEST_TAP_OUTPUT, type EventsTestTap } from '#lib/constructs';
import { EVENT_SOURCES } from '#contracts/events/event-names';
import { loadStageConfig } from '#lib/config';
import { buildStack, testDeployInputs } from './support/test-stack';
import { actionsOf, logicalIdOf, resource, resourcesOfType, type PolicyStatement } from './support/template-queries';

const tapOf = (stack: ReturnType<typeof buildStack>['stack']) => stack.node.tryFindChild('EventsTestTap') as EventsTestTap | undefined;

describe('events test tap (the e2e suite watches a deployed bus through it)', () => {
  const { stack, template } = buildStack('dev');
  const tap = tapOf(stack)!;
  const bus = stack.node.findChild('Events') as DomainEventBus;

  test.each(['dev', 'localstack'])('the %s stage has it', (stage) => {
    expect(loadStageConfig(stage).eventsTestTap).toBe(true);
  });

  test('a rule on the domain bus copies every event of every ordersaga source into the queue', () => {
    const rule = resource(template, logicalIdOf(tap.rule)).Properties;
    expect(rule.EventBusName).toEqual({ Ref: logicalIdOf(bus.bus) });
    expect(rule.EventPattern).toEqual({ source: [{ prefix: DOMAIN_EVENT_SOURCE_PREFIX }] });
    for (const source of Object.values(EVENT_SOURCES)) expect(source.startsWith(DOMAIN_EVENT_SOURCE_PREFIX)).toBe(true);
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [logicalIdOf(tap.queue), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(tap.deadLetters.queue), 'Arn'] } },
      }),
    ]);
  });

  test('the queue is encrypted, TLS only, keeps messages a day and has a dead-letter queue', () => {
    const queue = resource(template, logicalIdOf(tap.queue));
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 86_400,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(tap.deadLetters.queue), 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(queue.DeletionPolicy).toBe('Delete');
  });

  test('only EventBridge, on behalf of the tap rule, may send to it: one action, no wildcard', () => {
    const [, policy] = resourcesOfType(template, 'AWS::SQS::QueuePolicy').find(([, candidate]) =>
      (candidate.Properties.Queues as unknown[]).some((queue) => JSON.stringify(queue) === JSON.stringify({ Ref: logicalIdOf(tap.queue) })),
    )!;
    const allows = (policy.Properties.PolicyDocument.Statement as (PolicyStatement & { Principal: unknown; Condition?: any })[]).filter(
      (s) => s.Effect === 'Allow',
    );
    expect(allows).toHaveLength(1);
    // What the events target grants (grantSendMessages): sending, and the two reads SendMessage clients make.
    expect(actionsOf(allows[0]!).sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(allows[0]!.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(allows[0]!.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(tap.rule), 'Arn'] } } });
  });

  test(`its URL is the stack output ${EVENTS_TEST_TAP_OUTPUT}`, () => {
    expect(template.toJSON().Outputs[EVENTS_TEST_TAP_OUTPUT]).toEqual(expect.objectContaining({ Value: { Ref: logicalIdOf(tap.queue) } }));
  });

  test('its dead-letter queue is alarmed like every other', () => {
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const depth = alarms.find(
      (alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(alarm.Dimensions).includes(logicalIdOf(tap.deadLetters.queue)),
    );
    expect(depth).toBeDefined();
  });

  test('prod has none: no tap construct, no output, and the setting cannot be switched on there', () => {
    const prod = buildStack('prod');
    expect(loadStageConfig('prod', testDeployInputs('prod')).eventsTestTap).toBe(false);
    expect(tapOf(prod.stack)).toBeUndefined();
    expect(prod.template.toJSON().Outputs?.[EVENTS_TEST_TAP_OUTPUT]).toBeUndefined();
    const rulesCopyingEverything = resourcesOfType(prod.template, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.EventPattern ?? {}).includes('prefix'),
    );
    expect(rulesCopyingEverything).toEqual([]);
  });
});
