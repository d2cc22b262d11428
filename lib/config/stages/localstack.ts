import { CAPACITY_TARGETS, stageLimits } from '../capacity-model';
import type { StageConfigInput } from '../stage-config-schema';

const limits = stageLimits(CAPACITY_TARGETS.localstack);

/**
 * `cdklocal deploy` into LocalStack's free tier: no Cognito (an external issuer whose key set is given
 * at deploy time, see lib/config/deploy-inputs.ts), no X-Ray and no WAF.
 */
export const localstackStage: StageConfigInput = {
  stage: 'localstack',
  api: {
    ...limits.api,
    corsAllowOrigins: ['http://localhost:5173'],
    corsAllowCredentials: false,
  },
  auth: {
    kind: 'external',
    issuer: 'https://ordersaga.localstack.test/issuer',
    audience: 'ordersaga-localstack',
  },
  logLevel: 'DEBUG',
  logRetentionDays: 3,
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
  saga: { asyncPaymentTimeoutSeconds: 900 },
  // LocalStack verifies any identity on request (README.md, "LocalStack"); deployed to AWS, give a verified one
  // with -c notificationFromAddress=… -c notificationSesIdentityArn=….
  notifications: { email: { fromAddress: 'no-reply@ordersaga.localstack.test' }, sms: true },
  tracing: false,
  eventArchiveRetentionDays: 1,
  // The e2e suite watches the bus through this queue (API_URL=… npm run test:e2e).
  eventsTestTap: true,
  exampleSubscriber: true,
  // LocalStack's free tier has no WAF (the same settings deployed to AWS run without one too).
  firewall: { enabled: false, ...limits.firewall },
  capacity: { streamParallelization: limits.streamParallelization, tableWarmWriteUnitsPerSecond: limits.tableWarmWriteUnitsPerSecond },
};
