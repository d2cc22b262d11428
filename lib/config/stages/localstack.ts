import type { StageConfigInput } from '../stage-config-schema';

/**
 * `cdklocal deploy` into LocalStack's free tier: no Cognito (an external issuer whose key set is given
 * at deploy time, see lib/config/deploy-inputs.ts) and no X-Ray.
 */
export const localstackStage: StageConfigInput = {
  stage: 'localstack',
  api: {
    throttle: { rateLimit: 50, burstLimit: 100 },
    methodThrottles: { 'POST /api/v1/orders': { rateLimit: 10, burstLimit: 20 } },
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
  tracing: false,
  eventArchiveRetentionDays: 1,
  // The e2e suite watches the bus through this queue (API_URL=… npm run test:e2e).
  eventsTestTap: true,
};
