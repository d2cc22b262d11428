import type { StageConfigInput } from '../stage-config-schema';

/** Production: data and logs outlive the stack, nothing is deleted by accident. */
export const prodStage: StageConfigInput = {
  stage: 'prod',
  api: {
    throttle: { rateLimit: 200, burstLimit: 400 },
    methodThrottles: { 'POST /api/v1/orders': { rateLimit: 50, burstLimit: 100 } },
    corsAllowOrigins: ['https://shop.example.com'],
    corsAllowCredentials: false,
  },
  auth: { kind: 'cognito' },
  logLevel: 'INFO',
  logDebugSampleRate: 0.01,
  logRetentionDays: 90,
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
  tracing: true,
  eventArchiveRetentionDays: 365,
  eventsTestTap: false,
};
