import { loadStageConfig } from '#lib/config';
import type { SagaWorkflowType } from '#contracts/state-machines';
import type { LocalStageSettings } from './runtime';

/** Runs the order saga as an Express workflow (`express`) or a Standard one (`standard`) instead of the stage's choice. */
export const SAGA_WORKFLOW_TYPE_ENV = 'LOCAL_SAGA_WORKFLOW_TYPE';

/** The stage's saga workflow type, or the one LOCAL_SAGA_WORKFLOW_TYPE names. */
function sagaWorkflowType(configured: SagaWorkflowType): SagaWorkflowType {
  const named = process.env[SAGA_WORKFLOW_TYPE_ENV]?.trim();
  if (!named) return configured;
  if (named !== 'standard' && named !== 'express') throw new Error(`${SAGA_WORKFLOW_TYPE_ENV}="${named}" is neither standard nor express`);
  return named;
}

/**
 * The `local` stage of lib/config, as the runtime needs it (the issuer's keys are minted per run).
 * LOCAL_SAGA_WORKFLOW_TYPE picks the order saga's workflow type (`npm start`, the e2e suite).
 */
export function localStageSettings(): LocalStageSettings {
  const config = loadStageConfig('local');
  if (config.auth.kind !== 'external') throw new Error('the local stage must use an external issuer');
  return {
    name: config.stage,
    logLevel: config.logLevel,
    throttle: config.api.throttle,
    methodThrottles: config.api.methodThrottles,
    corsAllowOrigins: config.api.corsAllowOrigins,
    corsAllowCredentials: config.api.corsAllowCredentials,
    tokenIssuer: { issuer: config.auth.issuer, audience: config.auth.audience },
    saga: { ...config.saga, workflowType: sagaWorkflowType(config.saga.workflowType) },
    notifications: { emailFromAddress: config.notifications.email?.fromAddress, smsEnabled: config.notifications.sms },
  };
}
