import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 reads acknowledgements from CDK's own Validations metadata, on the flagged resource or any
 * construct above it. Each is written next to the construct it concerns, with the reason it is accepted.
 */
export interface NagAcknowledgement {
  /** `Pack-Rule`, or `Pack-Rule[Finding]` for rules that report one finding per policy entry. */
  id: string;
  reason: string;
}

export function acknowledgeNagRules(scope: IConstruct, ...rules: NagAcknowledgement[]): void {
  Validations.of(scope).acknowledge(...rules);
}

/** How cdk-nag spells a resource's ARN attribute in IAM5 findings: `<LogicalId.Arn>`. */
export function nagArnOf(scope: IConstruct): string {
  const resource = scope instanceof CfnResource ? scope : scope.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${scope.node.path} has no CloudFormation resource`);
  return `<${Stack.of(resource).getLogicalId(resource)}.Arn>`;
}

/** An IAM5 acknowledgement for one wildcard resource (never a wildcard action: those are fixed, not excused). */
export function wildcardResource(resource: string, reason: string): NagAcknowledgement {
  return { id: `AwsSolutions-IAM5[Resource::${resource}]`, reason };
}

/**
 * How cdk-nag spells the executions of a state machine with a fixed name (`grantExecution`'s resource,
 * built by formatArn in an environment-agnostic stack).
 */
export function nagExecutionsOf(stateMachineName: string): string {
  return `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName}:*`;
}
