import { Aspects, Aws, type IAspect, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { denyGrantsExceptForAwsServices } from '../constructs/kms-key-policies';

export interface LogGroupEncryptionProps {
  /** As the log groups: a retained log group must still be readable after the stack is gone. */
  removalPolicy: RemovalPolicy;
}

/**
 * One KMS key (with rotation) for every log group of the stack: CloudWatch Logs may use it only for
 * this account's log groups in this Region ("Encrypt log data in CloudWatch Logs using AWS Key
 * Management Service": the key policy names `logs.<region>.amazonaws.com` with an encryption-context
 * condition). An Aspect sets it on every log group, so a new one cannot be missed (AWS Control Tower's
 * CT.CLOUDWATCH.PR.3).
 */
export class LogGroupEncryption extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: LogGroupEncryptionProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `${Stack.of(this).stackName}: encrypts its CloudWatch log groups`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // The statement of that AWS page, for every log group of this account and Region.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
      }),
    );
    denyGrantsExceptForAwsServices(this.key);
    Aspects.of(Stack.of(this)).add(new EncryptLogGroupsWith(this.key));
  }
}

class EncryptLogGroupsWith implements IAspect {
  constructor(private readonly key: Key) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup && node.kmsKeyId === undefined) node.kmsKeyId = this.key.keyArn;
  }
}
