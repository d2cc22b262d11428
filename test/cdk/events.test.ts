import { type DomainEventBus, type DomainEventRules, type ScheduledJobs, ServiceFunction, type TableStreamConsumers } from '#lib/constructs';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack } from './support/test-stack';
import { logicalIdOf, resource, resourcesOfType } from './support/template-queries';

const { stack, template } = buildStack('dev');
const bus = stack.node.findChild('Events') as DomainEventBus;
const subscriptions = stack.node.findChild('Subscriptions') as DomainEventRules;
const schedules = stack.node.findChild('Schedules') as ScheduledJobs;
const streams = stack.node.findChild('Streams') as TableStreamConsumers;
const fn = (id: string) => stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === id)!;
const arnOf = (construct: Parameters<typeof logicalIdOf>[0]) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });

describe('domain event rules', () => {
  test.each(fixtureWiring.eventRules.map((rule) => [rule.id, rule] as const))('%s is on the domain bus with the wiring pattern, verbatim', (id, spec) => {
    const props = resource(template, logicalIdOf(subscriptions.rules.get(id)!)).Properties;
    expect(props.EventBusName).toEqual({ Ref: logicalIdOf(bus.bus) });
    expect(props.EventPattern).toEqual(spec.eventPattern);
  });

  test.each(fixtureWiring.eventRules.map((rule) => [rule.id, rule] as const))(
    '%s: every target has the spec retry policy and a dead-letter queue',
    (id, spec) => {
      const targets = resource(template, logicalIdOf(subscriptions.rules.get(id)!)).Properties.Targets as any[];
      expect(targets).toHaveLength(spec.targets.length);
      spec.targets.forEach((target, index) => {
        expect(targets[index].Arn).toEqual(target.kind === 'function' ? arnOf(fn(target.functionId).function) : arnOf(bus.queue(target.queueId, 'test')));
        expect(targets[index].RetryPolicy).toEqual({
          MaximumRetryAttempts: target.retry.maximumRetryAttempts,
          MaximumEventAgeInSeconds: target.retry.maximumEventAgeSeconds,
        });
        expect(targets[index].DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [expect.stringContaining(`Subscriptions${id}DeadLetters`), 'Arn'] });
      });
    },
  );

  test('every target of every rule in the stack has a retry policy and a dead-letter queue', () => {
    const targets = resourcesOfType(template, 'AWS::Events::Rule').flatMap(([, rule]) => rule.Properties.Targets as any[]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) });
      expect(target.DeadLetterConfig).toEqual({ Arn: expect.anything() });
    }
  });

  test('dead-letter and target queues are encrypted and accept TLS only; target queues have their own DLQ', () => {
    const queues = resourcesOfType(template, 'AWS::SQS::Queue');
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const denyInsecure = resourcesOfType(template, 'AWS::SQS::QueuePolicy').filter(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    );
    expect(denyInsecure).toHaveLength(queues.length);
    const fulfilment = resource(template, logicalIdOf(bus.queue('fulfilment', 'test'))).Properties;
    expect(fulfilment.RedrivePolicy).toEqual({ deadLetterTargetArn: expect.anything(), maxReceiveCount: 5 });
  });
});

describe('schedules', () => {
  test('each schedule invokes its function with its input, a retry policy and a dead-letter queue', () => {
    const [spec] = fixtureWiring.schedules;
    const props = resource(template, logicalIdOf(schedules.rules.get(spec.id)!)).Properties;
    expect(props.ScheduleExpression).toBe(spec.expression);
    expect(props.EventBusName).toBeUndefined();
    expect(props.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: arnOf(fn(spec.functionId).function),
        Input: JSON.stringify(spec.input),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: arnOf(schedules.deadLetterQueues[0].queue) },
      },
    ]);
  });
});

describe('table stream consumers', () => {
  test('each consumer maps the table stream with the spec batching, retries, bisection, filters and an on-failure queue', () => {
    const [spec] = fixtureWiring.streamConsumers;
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    expect(mappings[0][1].Properties).toEqual({
      FunctionName: { Ref: logicalIdOf(fn(spec.functionId).function) },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.node.findChild('Data').node.findChild('Table')), 'StreamArn'] },
      BatchSize: spec.batchSize,
      MaximumBatchingWindowInSeconds: spec.maxBatchingWindowSeconds,
      StartingPosition: spec.startingPosition,
      MaximumRetryAttempts: spec.retryAttempts,
      BisectBatchOnFunctionError: spec.bisectBatchOnError,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: spec.filterPatterns!.map((pattern) => ({ Pattern: JSON.stringify(pattern) })) },
      DestinationConfig: { OnFailure: { Destination: arnOf(streams.deadLetterQueues[0].queue) } },
    });
  });
});
