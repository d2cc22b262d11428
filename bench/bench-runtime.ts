/**
 * The local runtime as the benchmark runs it: the `local` stage with throttling lifted (it measures the
 * runtime, not the stage's limits), DynamoDB traffic metered through the runtime's proxy, and saga
 * retry waits shortened (waits are not billed; transitions are counted all the same).
 */
import type { SagaWorkflowType } from '#contracts/state-machines';
import type { AppWiring } from '#lib/wiring';
import { localStageSettings } from '#local/local-stage';
import { publishedRequestValidation } from '#local/route-request-validation';
import { type LocalRuntime, type LocalStageSettings, startLocalRuntime } from '#local/runtime';

export interface BenchRuntimeOptions {
  rootDir: string;
  wiring: AppWiring;
  /** The saga's wait for an async payment's webhook (the stage's, unless given). */
  asyncPaymentTimeoutSeconds?: number;
  /** How long the simulated provider takes to send an async payment's webhook (a provider that answers late, or never). */
  paymentWebhookDelayMs?: number;
  /** The order saga as a Standard (default) or an Express workflow. */
  workflowType?: SagaWorkflowType;
}

export function benchStage(asyncPaymentTimeoutSeconds?: number, workflowType: SagaWorkflowType = 'standard'): LocalStageSettings {
  const stage = localStageSettings();
  return {
    ...stage,
    // Failure paths log their expected failures as warnings; the report is the output here.
    logLevel: 'ERROR',
    throttle: { rateLimit: 1e6, burstLimit: 1e6 },
    methodThrottles: {},
    saga: { asyncPaymentTimeoutSeconds: asyncPaymentTimeoutSeconds ?? stage.saga.asyncPaymentTimeoutSeconds, workflowType },
  };
}

export function startBenchRuntime(options: BenchRuntimeOptions): Promise<LocalRuntime> {
  return startLocalRuntime({
    rootDir: options.rootDir,
    wiring: options.wiring,
    stage: benchStage(options.asyncPaymentTimeoutSeconds, options.workflowType),
    port: 0,
    requestValidation: publishedRequestValidation(),
    dynamoDbProxy: {},
    stepFunctionsDelayScale: 0.001,
    eventRetryBaseDelayMs: 10,
    paymentWebhookDelayMs: options.paymentWebhookDelayMs,
  });
}
