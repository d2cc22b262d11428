import { CAPACITY_TARGETS, stageLimits } from '../capacity-model';
import type { StageConfigInput } from '../stage-config-schema';

const limits = stageLimits(CAPACITY_TARGETS.local);

/**
 * The embedded local runtime (`npm start`); never deployed. Its throttles are the ones the front door
 * enforces; its issuer signs the tokens of `POST /_local/token` with a key minted per run, handed in
 * as a deploy input (jwksJson). The settings the runtime does not emulate (WAF, log encryption,
 * capacity) are kept as the other stages write them.
 */
export const localStage: StageConfigInput = {
  stage: 'local',
  api: {
    ...limits.api,
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
  // The local runtime's SES and SNS keep what is sent (GET /_local/mail, /_local/sms).
  notifications: { email: { fromAddress: 'no-reply@ordersaga.local' }, sms: true },
  tracing: false,
  eventArchiveRetentionDays: 1,
  // The local runtime shows its events at GET /_local/events instead.
  eventsTestTap: false,
  exampleSubscriber: true,
  firewall: { enabled: false, ...limits.firewall },
  capacity: { streamParallelization: limits.streamParallelization, tableWarmWriteUnitsPerSecond: limits.tableWarmWriteUnitsPerSecond },
};
