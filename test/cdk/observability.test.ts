import { Match } from 'aws-cdk-lib/assertions';
import type { Observability } from '#lib/constructs';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack } from './support/test-stack';
import { logicalIdOf, resourcesOfType } from './support/template-queries';

const { stack, template, config } = buildStack('dev');
const observability = stack.node.findChild('Observability') as Observability;
const topic = { Ref: logicalIdOf(observability.alarmTopic) };
const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

describe('alarms and dashboard', () => {
  test('alarms when the payment provider circuit opens', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'ordersaga',
        MetricName: 'PaymentCircuitOpened',
        Dimensions: [{ Name: 'service', Value: 'payment-circuit' }],
        Threshold: 1,
        Statistic: 'Sum',
      }),
    );
  });

  test('alarms while an order waits on a failed saga the reconciler gave up redriving', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'ordersaga',
        MetricName: 'FailedSagasGivenUp',
        Dimensions: [{ Name: 'service', Value: 'saga-repair' }],
        Threshold: 1,
        Statistic: 'Maximum',
      }),
    );
  });

  test('every alarm notifies the alarm topic, which accepts TLS only', () => {
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topic]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('API 5xx rate and p99 latency use the stage thresholds', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Threshold: config.alarms.api5xxRatePercent,
        Metrics: expect.arrayContaining([expect.objectContaining({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' })]),
      }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Threshold: 200,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
      }),
    );
  });

  test('every function has an errors and a throttles alarm', () => {
    const metrics = alarms.filter((a) => a.Namespace === 'AWS/Lambda').map((a) => a.MetricName);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(fixtureWiring.functions.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(fixtureWiring.functions.length);
  });

  test('every state machine alarms on failed, timed-out or aborted executions', () => {
    const sagaAlarms = alarms.filter((a) => (a.Metrics ?? []).some((m: any) => m.Expression === 'failed + timedOut + aborted'));
    expect(sagaAlarms).toHaveLength(fixtureWiring.stateMachines.length);
    for (const alarm of sagaAlarms) expect(alarm.Threshold).toBe(config.alarms.failedSagaExecutions);
  });

  test('every queue that is a dead-letter queue has a depth alarm', () => {
    const depthAlarms = alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    const queues = resourcesOfType(template, 'AWS::SQS::Queue');
    const targetQueues = queues.filter(([, q]) => q.Properties.RedrivePolicy);
    expect(depthAlarms).toHaveLength(queues.length - targetQueues.length);
  });

  test('one dashboard for the stage', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'ordersaga-dev' });
  });
});
