import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { conflictRateFromEnvironment } from '#local/fault-injection-settings';
import { localStageSettings } from '#local/local-stage';
import { publishedRequestValidation } from '#local/route-request-validation';
import { startLocalRuntime } from '#local/runtime';
import type { E2eTarget, E2eTargetOptions } from './e2e-target';
import { localRuntimeTarget } from './local-runtime-target';

const rootDir = path.resolve(__dirname, '../../..');

/** Known to the suite, so it can sign webhooks as the provider would. */
const WEBHOOK_SECRET = 'e2e-webhook-secret';

/**
 * Retry and wait intervals of the state machines scaled down (a 2 s retry takes 20 ms), so failure
 * paths settle in well under a second; the async webhook still takes the simulator's ~1 s.
 */
const STEP_FUNCTIONS_DELAY_SCALE = 0.01;

/** Longer than any run: with `asyncPaymentTimeoutSeconds`, the provider never completes tok_async. */
const WEBHOOK_NEVER_MS = 3_600_000;

/** The default target: the local runtime started in this process with the real wiring, then used over HTTP only. */
export async function startInProcessRuntimeTarget(options: E2eTargetOptions): Promise<E2eTarget> {
  const stage = localStageSettings();
  const runtime = await startLocalRuntime({
    rootDir,
    wiring: appWiring,
    stage: {
      ...stage,
      logLevel: 'ERROR',
      methodThrottles: options.methodThrottles ?? stage.methodThrottles,
      saga: { asyncPaymentTimeoutSeconds: options.asyncPaymentTimeoutSeconds ?? stage.saga.asyncPaymentTimeoutSeconds },
    },
    port: 0,
    requestValidation: publishedRequestValidation(),
    paymentWebhookSecret: WEBHOOK_SECRET,
    stepFunctionsDelayScale: STEP_FUNCTIONS_DELAY_SCALE,
    ...(options.asyncPaymentTimeoutSeconds === undefined ? {} : { paymentWebhookDelayMs: WEBHOOK_NEVER_MS }),
    // LOCAL_DYNAMODB_CONFLICT_RATE=0.2 runs the suite against DynamoDB answering transaction conflicts.
    ...(conflictRateFromEnvironment() > 0 ? { dynamoDbProxy: { conflictRate: conflictRateFromEnvironment() } } : {}),
  });
  return localRuntimeTarget({
    url: runtime.url,
    description: 'the local runtime (started in process)',
    webhookSecret: WEBHOOK_SECRET,
    throttlesLikeStage: options.methodThrottles === undefined,
    asyncPaymentTimeoutSeconds: options.asyncPaymentTimeoutSeconds,
    stop: () => runtime.stop(),
  });
}
