import { type IAspect, Stack, Token } from 'aws-cdk-lib';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * Service principals whose invocations have been documented to fail when the permission names a
 * `SourceAccount` ("This property is not supported by all event sources": AWS::Lambda::Permission;
 * EventBridge's, then CloudWatch Events', troubleshooting page said so of its rules). Their permissions
 * keep the rule's ARN as `SourceArn`, which names this account and is a reference the Control Tower
 * rule reads, so they need nothing more.
 */
const SOURCE_ACCOUNT_UNSAFE = new Set(['events.amazonaws.com']);

/**
 * A Lambda permission granted to an AWS service principal (API Gateway) names the stack's own account
 * as `SourceAccount`, besides the source ARN CDK already sets ("The confused deputy problem", IAM User
 * Guide). AWS Control Tower's CT.LAMBDA.PR.2 asks for it: it does not count a source ARN built with
 * Fn::Join, which API Gateway's are. An Aspect, so that permissions CDK adds on its own are covered too.
 */
export class ServicePrincipalsNameTheirAccount implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnPermission)) return;
    const principal = node.principal;
    if (Token.isUnresolved(principal) || !principal.endsWith('.amazonaws.com') || SOURCE_ACCOUNT_UNSAFE.has(principal)) return;
    node.sourceAccount ??= Stack.of(node).account;
  }
}
