import { CAPACITY_TARGETS, stageLimits } from '../capacity-model';
import type { StageConfigInput } from '../stage-config-schema';

const limits = stageLimits(CAPACITY_TARGETS.prod);

/**
 * Production: data and logs outlive the stack, nothing is deleted by accident, and its limits take the
 * seed's peak (docs/capacity.md). Who hears the alarms and the SES identity the user pool sends from
 * are deploy inputs (README.md, "Deploying to AWS"): synth refuses prod without them.
 */
export const prodStage: StageConfigInput = {
  stage: 'prod',
  api: {
    ...limits.api,
    corsAllowOrigins: ['https://shop.example.com'],
    corsAllowCredentials: false,
  },
  auth: { kind: 'cognito', selfSignUp: true },
  logLevel: 'INFO',
  logDebugSampleRate: 0.01,
  // A year, as AWS Control Tower's CT.CLOUDWATCH.PR.2 asks of every log group.
  logRetentionDays: 365,
  logEncryption: 'customer-managed',
  retainData: true,
  deletionProtection: true,
  tableEncryption: 'aws-managed',
  alarms: {
    api5xxRatePercent: 1,
    apiP99LatencyMs: 200,
    lambdaErrors: 1,
    lambdaThrottles: 1,
    failedSagaExecutions: 1,
    dlqDepth: 1,
  },
  saga: { asyncPaymentTimeoutSeconds: 900 },
  // The sender is a deploy input (README.md, "What prod needs from the deployer"): synth refuses prod without it.
  notifications: { sms: true },
  tracing: true,
  eventArchiveRetentionDays: 365,
  eventsTestTap: false,
  exampleSubscriber: false,
  firewall: { enabled: true, ...limits.firewall },
  capacity: { streamParallelization: limits.streamParallelization, tableWarmWriteUnitsPerSecond: limits.tableWarmWriteUnitsPerSecond },
};
