import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { localStageSettings } from '#local/local-stage';
import { publishedRequestValidation } from '#local/route-request-validation';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeSettings } from '#local/runtime';

const root = path.resolve(__dirname, '../../..');

/**
 * The whole backend in this process, as `npm start` runs it, with the stage's wiring and request
 * validation. Two test conveniences: the POST /orders throttle is lifted (the runs send dozens of
 * orders at once; the stage-wide limit still applies), and the saga's retry waits are scaled down
 * (the async payment's webhook still takes the simulator's ~1 s).
 */
export function startInvariantRuntime(
  faults: Pick<
    LocalRuntimeSettings,
    'dynamoDbProxy' | 'paymentSimulatorFailureRate' | 'functionEnvironment' | 'scheduleSpeedUp' | 'paymentWebhookDelayMs'
  > = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    rootDir: root,
    wiring: appWiring,
    stage: { ...localStageSettings(), logLevel: 'ERROR', methodThrottles: {} },
    port: 0,
    requestValidation: publishedRequestValidation(),
    stepFunctionsDelayScale: 0.01,
    eventRetryBaseDelayMs: 10,
    ...faults,
  });
}
