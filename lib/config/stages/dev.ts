import type { StageConfigInput } from '../stage-config-schema';

/** A developer's own AWS deployment: short retention, everything deletable, debug logs. */
export const devStage: StageConfigInput = {
  stage: 'dev',
  api: {
    throttle: { rateLimit: 50, burstLimit: 100 },
    // Placing an order starts a saga and writes several items: it gets its own, tighter budget.
    methodThrottles: { 'POST /api/v1/orders': { rateLimit: 10, burstLimit: 20 } },
    corsAllowOrigins: ['http://localhost:5173'],
    corsAllowCredentials: false,
  },
  auth: { kind: 'cognito' },
  logLevel: 'DEBUG',
  logRetentionDays: 14,
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
  tracing: true,
  eventArchiveRetentionDays: 7,
  // The e2e suite watches the bus through this queue (API_URL=… npm run test:e2e).
  eventsTestTap: true,
};
