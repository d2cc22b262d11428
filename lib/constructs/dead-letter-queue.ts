import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNagRules } from './nag-acknowledgements';

export interface DeadLetterQueueProps {
  /** What ends up here, for the console and the alarm. */
  purpose: string;
  removalPolicy: RemovalPolicy;
}

/**
 * Where a failed delivery (rule target, async invocation, stream batch, queue consumer) lands:
 * SQS-managed encryption (no KMS grants needed by anyone), TLS only, and the longest retention SQS
 * allows so that someone can look before it is gone.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    const reason = `This queue is itself a dead-letter queue (${props.purpose}); a DLQ of a DLQ would only move the problem. Its depth is alarmed instead.`;
    acknowledgeNagRules(this, { id: 'AwsSolutions-SQS3', reason }, { id: 'Serverless-SQSRedrivePolicy', reason });
  }
}
