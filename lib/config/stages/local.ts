import type { StageConfigInput } from '../stage-config-schema';

/**
 * The embedded local runtime (`npm start`); never deployed. Its throttles are the ones the front door
 * enforces; its issuer signs the tokens of `POST /_local/token` with a key minted per run, handed in
 * as a deploy input (jwksJson).
 */
export const localStage: StageConfigInput = {
  stage: 'local',
  api: {
    throttle: { rateLimit: 50, burstLimit: 100 },
    methodThrottles: { 'POST /api/v1/orders': { rateLimit: 10, burstLimit: 20 } },
    corsAllowOrigins: ['http://localhost:5173'],
    corsAllowCredentials: false,
  },
  auth: {
    kind: 'external',
    issuer: 'http://127.0.0.1/ordersaga-local-issuer',
    audience: 'ordersaga-local',
  },
  logLevel: 'DEBUG',
  logRetentionDays: 1,
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
  // The local runtime shows its events at GET /_local/events instead.
  eventsTestTap: false,
};
