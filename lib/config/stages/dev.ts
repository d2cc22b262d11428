import { CAPACITY_TARGETS, stageLimits } from '../capacity-model';
import type { StageConfigInput } from '../stage-config-schema';

const limits = stageLimits(CAPACITY_TARGETS.dev);

/** A developer's own AWS deployment: short retention, everything deletable, debug logs. */
export const devStage: StageConfigInput = {
  stage: 'dev',
  api: {
    ...limits.api,
    corsAllowOrigins: ['http://localhost:5173'],
    corsAllowCredentials: false,
  },
  // Cognito's own sender (50 e-mails a day) is enough for a developer's sign-ups.
  auth: { kind: 'cognito', selfSignUp: true },
  logLevel: 'DEBUG',
  logRetentionDays: 14,
  logEncryption: 'cloudwatch-managed',
  retainData: false,
  deletionProtection: false,
  tableEncryption: 'aws-managed',
  alarms: {
    api5xxRatePercent: 5,
    apiP99LatencyMs: 200,
    lambdaErrors: 5,
    lambdaThrottles: 5,
    failedSagaExecutions: 1,
    dlqDepth: 1,
  },
  // Every event of an Express saga is logged here: a developer reads executions in CloudWatch Logs.
  saga: { asyncPaymentTimeoutSeconds: 900, expressLogLevel: 'ALL' },
  notifications: {
    // E-mail only once a verified sender is given (-c notificationFromAddress=… -c notificationSesIdentityArn=…);
    // no text messages: a new account's SNS is in the SMS sandbox, which texts verified numbers only.
    sms: false,
  },
  tracing: true,
  eventArchiveRetentionDays: 7,
  // A queue with a copy of every domain event, to watch the bus by hand. The e2e suite cannot use it
  // here: dev trusts its Cognito user pool, whose tokens the suite cannot sign; the suite runs against
  // the localstack stage deployed with the suite's key set (-c jwksFile=.e2e/issuer-jwks.json, README.md).
  eventsTestTap: true,
  exampleSubscriber: true,
  // On, as in prod, so that the managed rules' false positives show up before prod (about $10 a month).
  firewall: { enabled: true, ...limits.firewall },
  capacity: { streamParallelization: limits.streamParallelization, tableWarmWriteUnitsPerSecond: limits.tableWarmWriteUnitsPerSecond },
};
