/**
 * The AWS Control Tower proactive controls (cfn-guard rules from @cdklabs/cdk-validator-cfnguard) this
 * stack does not meet, each with the reason it is accepted: the one list test/cdk/control-tower.test.ts
 * applies and docs/compliance.md shows. Every other failing control fails the tests.
 */

export type DeployedStage = 'dev' | 'prod' | 'localstack';

/** A resource of a synthesized template, as an exemption sees it. */
export interface TemplateResource {
  logicalId: string;
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface ControlTowerExemption {
  /** The control, as Control Tower names it (`CT.LAMBDA.PR.3`); its rule file is `ct-lambda-pr-3.guard`. */
  control: string;
  stages: readonly DeployedStage[];
  /** The findings it covers, for the docs page. */
  covers: string;
  /** Only these findings; every finding of the control in those stages when absent. */
  appliesTo?: (resource: TemplateResource) => boolean;
  reason: string;
}

const ALL_STAGES = ['dev', 'prod', 'localstack'] as const;

/** A queue whose redrive allow policy admits no source queue. */
const isDeadLetterQueueOfNoQueue = (resource: TemplateResource): boolean =>
  resource.Type === 'AWS::SQS::Queue' &&
  (resource.Properties?.RedriveAllowPolicy as { redrivePermission?: string } | undefined)?.redrivePermission === 'denyAll';

export const controlTowerExemptions: readonly ControlTowerExemption[] = [
  {
    control: 'CT.LAMBDA.PR.3',
    stages: ALL_STAGES,
    covers: 'every Lambda function (not in a VPC)',
    reason:
      'No VPC resources to reach: the functions call AWS services through their public endpoints (DynamoDB, Step Functions, EventBridge, Secrets Manager), each call scoped by IAM, and the payment provider on the internet. A VPC would add NAT gateways or interface endpoints and network interfaces to every function for no access it controls.',
  },
  {
    control: 'CT.SQS.PR.1',
    stages: ALL_STAGES,
    covers: 'dead-letter queues whose redrive allow policy is denyAll',
    appliesTo: isDeadLetterQueueOfNoQueue,
    reason:
      'These are the dead-letter queues of EventBridge targets, asynchronous Lambda invocations, stream mappings and SNS subscriptions: no SQS queue redrives into them, so their redrive allow policy is denyAll (no queue may adopt them), which the control does not count. A dead-letter queue of a dead-letter queue would only move the problem; every one has a depth alarm.',
  },
  {
    control: 'CT.CLOUDWATCH.PR.2',
    stages: ['dev', 'localstack'],
    covers: 'every log group (kept 14 days in dev, 3 in localstack)',
    reason: 'Throwaway stages whose logs hold test traffic: a year of retention would only cost. prod keeps every log group 365 days.',
  },
  {
    control: 'CT.CLOUDWATCH.PR.3',
    stages: ['dev', 'localstack'],
    covers: 'every log group (CloudWatch-managed encryption)',
    reason:
      "CloudWatch Logs encrypts every log group at rest with its own keys. A customer-managed key (prod's logEncryption) adds a key, its policy and a monthly charge, for logs of test traffic that live days.",
  },
  {
    control: 'CT.APIGATEWAY.PR.2',
    stages: ['localstack'],
    covers: 'the API stage (no X-Ray tracing)',
    reason: "LocalStack's free tier has no X-Ray: the stage turns tracing off by configuration (tracing: false). dev and prod trace.",
  },
  {
    control: 'CT.STEPFUNCTIONS.PR.2',
    stages: ['localstack'],
    covers: 'every state machine (no X-Ray tracing)',
    reason: "LocalStack's free tier has no X-Ray: the stage turns tracing off by configuration (tracing: false). dev and prod trace.",
  },
];

/** `CT.LAMBDA.PR.3` → `ct-lambda-pr-3.guard`. */
export const ruleFileOf = (control: string): string => `${control.toLowerCase().replace(/\./g, '-')}.guard`;
