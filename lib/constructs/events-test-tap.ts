import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { DeadLetterQueue } from './dead-letter-queue';
import type { DomainEventBus } from './domain-event-bus';
import { stackInstanceName } from './physical-names';
import { dataRemovalPolicy } from './stage-policies';

/** Every bounded context publishes under this source prefix (`ordersaga.orders`, `ordersaga.payments`, …). */
export const DOMAIN_EVENT_SOURCE_PREFIX = 'ordersaga.';

/** The output the e2e suite reads the queue URL from (E2E_EVENTS_QUEUE_URL); a fixed name, no hash. */
export const EVENTS_TEST_TAP_OUTPUT = 'EventsTestTapQueueUrl';

export interface EventsTestTapProps {
  readonly bus: DomainEventBus;
  readonly config: Pick<StageConfig, 'retainData'>;
}

/**
 * A copy of every domain event in an SQS queue, for the end-to-end suite to watch a deployed stack's
 * bus (the local runtime has GET /_local/events instead). Test stages only (`eventsTestTap`): the
 * events carry customer data. Messages live a day; the suite deletes what it reads.
 */
export class EventsTestTap extends Construct {
  readonly queue: Queue;
  readonly rule: Rule;
  /** Events the rule could not deliver, and messages the suite read 5 times without deleting them. */
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: EventsTestTapProps) {
    super(scope, id);
    const removalPolicy = dataRemovalPolicy(props.config);
    // Named before it exists, so that the dead-letter queue can admit it as its source without a cycle.
    const queueName = stackInstanceName(this, 'EventsTestTap');
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'domain events the e2e test tap could not take or the suite could not read',
      removalPolicy,
      sourceQueues: [Queue.fromQueueArn(this, 'Source', Stack.of(this).formatArn({ service: 'sqs', resource: queueName }))],
    });
    this.queue = new Queue(this, 'Queue', {
      queueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: 5 },
      removalPolicy,
    });
    // The SqsQueue target writes the queue policy itself: events.amazonaws.com may SendMessage, and
    // only on behalf of this rule (aws:SourceArn).
    this.rule = new Rule(this, 'Rule', {
      eventBus: props.bus.bus,
      description: 'Copies every ordersaga domain event into the e2e test tap queue',
      eventPattern: { source: Match.prefix(DOMAIN_EVENT_SOURCE_PREFIX) },
      targets: [new SqsQueue(this.queue, { retryAttempts: 3, maxEventAge: Duration.hours(1), deadLetterQueue: this.deadLetters.queue })],
    });
    const output = new CfnOutput(this, 'QueueUrl', {
      description: 'SQS queue with a copy of every domain event: the e2e suite reads it (E2E_EVENTS_QUEUE_URL).',
      value: this.queue.queueUrl,
    });
    output.overrideLogicalId(EVENTS_TEST_TAP_OUTPUT);
  }
}
