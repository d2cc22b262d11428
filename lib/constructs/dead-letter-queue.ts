import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type IQueue, Queue, QueueEncryption, RedrivePermission } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNagRules } from './nag-acknowledgements';

export interface DeadLetterQueueProps {
  /** What ends up here, for the console and the alarm. */
  readonly purpose: string;
  readonly removalPolicy: RemovalPolicy;
  /**
   * The SQS queues whose redrive policy names this queue. Only they may use it as their dead-letter
   * queue; without any (EventBridge, Lambda, stream and SNS dead letters), no queue may.
   * @default - no source queues: no queue may redrive into it
   */
  readonly sourceQueues?: IQueue[];
}

/**
 * Where a failed delivery (rule target, async invocation, stream batch, queue consumer) lands:
 * SQS-managed encryption (no KMS grants needed by anyone), TLS only, the longest retention SQS
 * allows so that someone can look before it is gone, and a redrive allow policy naming the queues
 * that may send here ("Using dead-letter queues in Amazon SQS": RedriveAllowPolicy).
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    const sources = props.sourceQueues ?? [];
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
      redriveAllowPolicy:
        sources.length > 0 ? { redrivePermission: RedrivePermission.BY_QUEUE, sourceQueues: sources } : { redrivePermission: RedrivePermission.DENY_ALL },
    });
    const reason = `This queue is itself a dead-letter queue (${props.purpose}); a DLQ of a DLQ would only move the problem. Its depth is alarmed instead.`;
    acknowledgeNagRules(this, { id: 'AwsSolutions-SQS3', reason }, { id: 'Serverless-SQSRedrivePolicy', reason });
  }
}
