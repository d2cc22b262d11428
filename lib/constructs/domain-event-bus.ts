import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type Archive, EventBus } from 'aws-cdk-lib/aws-events';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { QueueSpec } from '../wiring';
import { DeadLetterQueue } from './dead-letter-queue';
import { stackInstanceName } from './physical-names';
import { dataRemovalPolicy } from './stage-policies';

export interface DomainEventBusProps {
  /** Queues that event rules may target (subscribers that pull rather than being invoked). */
  readonly queues: QueueSpec[];
  readonly config: Pick<StageConfig, 'stage' | 'retainData' | 'eventArchiveRetentionDays'>;
}

/**
 * The custom bus that carries the domain events, an archive of everything published on it (for
 * replay), and the queues that rules may deliver to, each with its own dead-letter queue.
 */
export class DomainEventBus extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;
  private readonly queues = new Map<string, Queue>();
  /** Dead-letter queues of the target queues, for the DLQ-depth alarms. */
  readonly deadLetterQueues: Queue[] = [];

  constructor(scope: Construct, id: string, props: DomainEventBusProps) {
    super(scope, id);
    const { config } = props;
    const removalPolicy = dataRemovalPolicy(config);

    // A fixed name, so that subscribers outside this stack can add rules to it. Never retained: a
    // retained bus would keep its fixed name from the stack's next create.
    this.bus = new EventBus(this, 'Bus', { eventBusName: `ordersaga-${config.stage}`, description: 'ordersaga domain events' });
    // The archive lives and goes with the bus, in every stage. EventBridge keeps an archive with a
    // managed rule on its bus ("Deleting event archives in Amazon EventBridge"), and a bus that still
    // has rules cannot be deleted: a retained archive would fail the bus's deletion, and with it a
    // rollback or the next create under the same name. The table, not the archive, is the record.
    this.archive = this.bus.archive('Archive', {
      description: 'Every domain event, for replay',
      // The bus only carries this account's events; the pattern is required and this one matches them all.
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(config.eventArchiveRetentionDays),
    });
    for (const resource of [this.bus, this.archive]) resource.applyRemovalPolicy(RemovalPolicy.DESTROY);

    for (const spec of props.queues) {
      // Named before it exists, so that its dead-letter queue can admit it as its only source without
      // a reference cycle (the queue's redrive policy already refers to the dead-letter queue).
      const queueName = stackInstanceName(this, spec.id);
      const deadLetters = new DeadLetterQueue(this, `${spec.id}DeadLetters`, {
        purpose: `messages the ${spec.id} consumer failed 5 times`,
        removalPolicy,
        sourceQueues: [Queue.fromQueueArn(this, `${spec.id}Source`, Stack.of(this).formatArn({ service: 'sqs', resource: queueName }))],
      });
      this.deadLetterQueues.push(deadLetters.queue);
      const queue = new Queue(this, spec.id, {
        queueName,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetters.queue, maxReceiveCount: 5 },
        removalPolicy,
      });
      this.queues.set(spec.id, queue);
    }
  }

  get eventBusName(): string {
    return this.bus.eventBusName;
  }

  queue(queueId: string, usedBy: string): Queue {
    const queue = this.queues.get(queueId);
    if (!queue) throw new Error(`${usedBy} names queue "${queueId}", which the wiring's queues do not declare`);
    return queue;
  }

  /** events:PutEvents on this bus. */
  grantPutEvents(grantee: IGrantable): Grant {
    return this.bus.grantPutEventsTo(grantee);
  }
}
