import { Aws, Duration, Names } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { METRICS_NAMESPACE, paymentCircuitMetrics, sagaRepairMetrics, settlementSweepMetrics } from '#contracts/metrics';
import { DeadLetterQueue } from './dead-letter-queue';
import type { ServiceFunction } from './service-function';
import { dataRemovalPolicy } from './stage-policies';

export interface ObservabilityProps {
  readonly api: RestApi;
  readonly functions: ServiceFunction[];
  /** State machines by id. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  /** Every dead-letter queue of the stack: any message in one is an incident. */
  readonly deadLetterQueues: IQueue[];
  readonly config: Pick<StageConfig, 'stage' | 'alarms' | 'retainData'>;
}

const PERIOD = Duration.minutes(5);

/**
 * The stage's alarms with its thresholds (API 5xx rate and p99 latency, Lambda errors and
 * throttles, failed sagas, DLQ depth), all notifying the stage's SNS topic (and the existing topics
 * the stage names), and one dashboard.
 */
export class Observability extends Construct {
  readonly alarmTopic: Topic;
  /** The stage's topic and the existing topics every alarm notifies as well. */
  readonly alarmTargets: ITopic[];
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { api, config } = props;
    const thresholds = config.alarms;

    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `ordersaga ${config.stage} alarms`, enforceSSL: true });
    // enforceSSL writes a topic policy, which replaces SNS's default one: CloudWatch, which publishes
    // the alarms as its service principal, must be allowed by name, and only for this account's
    // alarms ("Notify users on alarm changes", CloudWatch User Guide; the SourceArn/SourceAccount
    // conditions are SNS's guard against the confused deputy).
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    const { emails, topicArns } = thresholds.notify;
    if (emails.length > 0) {
      const undelivered = new DeadLetterQueue(this, 'UndeliveredAlarms', {
        purpose: 'alarm notifications SNS could not deliver',
        removalPolicy: dataRemovalPolicy(config),
      });
      for (const email of emails) this.alarmTopic.addSubscription(new EmailSubscription(email, { deadLetterQueue: undelivered.queue }));
    }
    // An existing topic (an on-call tool's) is notified by every alarm directly: SNS cannot subscribe a
    // topic to a topic. Its own policy must let this account's CloudWatch publish (README.md).
    this.alarmTargets = [this.alarmTopic, ...topicArns.map((arn, index) => Topic.fromTopicArn(this, `ForwardedTopic${index}`, arn))];

    const requests = api.metricCount({ period: PERIOD, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      period: PERIOD,
      label: 'API 5xx rate (%)',
    });
    const p99Latency = api.metricLatency({ period: PERIOD, statistic: 'p99' });

    this.alarm('Api5xxRate', errorRate, thresholds.api5xxRatePercent, 'API 5xx responses above the stage threshold (% of requests)');
    // Three periods in a row: one slow cold-start burst is not an incident, a sustained breach is.
    this.alarm('ApiP99Latency', p99Latency, thresholds.apiP99LatencyMs, `API p99 latency above the ${thresholds.apiP99LatencyMs} ms objective`, {
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    for (const fn of props.functions) {
      this.alarm(`${fn.spec.id}Errors`, fn.function.metricErrors({ period: PERIOD, statistic: 'Sum' }), thresholds.lambdaErrors, `${fn.spec.id} errors`);
      this.alarm(
        `${fn.spec.id}Throttles`,
        fn.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        thresholds.lambdaThrottles,
        `${fn.spec.id} throttles`,
      );
    }
    for (const [machineId, machine] of props.stateMachines) {
      const failed = new MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: machine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
          timedOut: machine.metricTimedOut({ period: PERIOD, statistic: 'Sum' }),
          aborted: machine.metricAborted({ period: PERIOD, statistic: 'Sum' }),
        },
        period: PERIOD,
        label: 'failed, timed-out or aborted executions',
      });
      this.alarm(`${machineId}Failures`, failed, thresholds.failedSagaExecutions, `${machineId} executions failed, timed out or were aborted`);
    }
    for (const queue of props.deadLetterQueues) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
      // Named after the queue's own path, so adding a queue never renames another queue's alarm.
      this.alarm(`${Names.nodeUniqueId(queue.node)}Depth`, depth, thresholds.dlqDepth, `Messages waiting in dead-letter queue ${queue.node.path}`);
    }

    const circuit = (metricName: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: paymentCircuitMetrics.service }, period: PERIOD, statistic: 'Sum' });
    this.alarm(
      'PaymentCircuitOpen',
      circuit(paymentCircuitMetrics.opened),
      1,
      'The payment provider circuit opened: provider calls fail fast until a probe succeeds',
    );
    const givenUp = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: sagaRepairMetrics.givenUp,
      dimensionsMap: { service: sagaRepairMetrics.service },
      period: PERIOD,
      statistic: 'Maximum',
    });
    this.alarm(
      'FailedSagasGivenUp',
      givenUp,
      1,
      'A failed saga was redriven as often as allowed and its order is still pending: repair it by hand (docs/saga.md)',
    );
    const unsettled = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: settlementSweepMetrics.unsettled,
      dimensionsMap: { service: settlementSweepMetrics.service },
      period: PERIOD,
      statistic: 'Maximum',
    });
    this.alarm(
      'CancelledOrdersUnsettled',
      unsettled,
      1,
      'The settlement sweeper could not settle a cancelled order (payment not voided or refunded, or stock not released): see its error log and docs/saga.md',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `ordersaga-${config.stage}` });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [requests, serverErrors, api.metricClientError({ period: PERIOD, statistic: 'Sum' })],
        right: [errorRate],
      }),
      new GraphWidget({ title: 'API latency', left: [api.metricLatency({ period: PERIOD, statistic: 'p50' }), p99Latency] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors',
        left: props.functions.map((fn) => fn.function.metricErrors({ period: PERIOD, statistic: 'Sum', label: fn.spec.id })),
      }),
      new GraphWidget({ title: 'Payment provider circuit', left: [circuit(paymentCircuitMetrics.opened), circuit(paymentCircuitMetrics.fastFailed)] }),
      new GraphWidget({
        title: 'Lambda p99 duration',
        left: props.functions.map((fn) => fn.function.metricDuration({ period: PERIOD, statistic: 'p99', label: fn.spec.id })),
      }),
    );
    if (props.stateMachines.size > 0) {
      this.dashboard.addWidgets(
        new GraphWidget({
          title: 'Saga executions',
          left: [...props.stateMachines.values()].flatMap((machine) => [
            machine.metricStarted({ period: PERIOD, statistic: 'Sum' }),
            machine.metricSucceeded({ period: PERIOD, statistic: 'Sum' }),
            machine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
          ]),
        }),
        new GraphWidget({
          title: 'Dead-letter queue depth',
          left: props.deadLetterQueues.map((queue) => queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' })),
        }),
      );
    }
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    { evaluationPeriods = 1, comparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD } = {},
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      comparisonOperator,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    for (const topic of this.alarmTargets) alarm.addAlarmAction(new SnsAction(topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
