import { loadStageConfig } from '#lib/config';
import type { LocalStageSettings } from './runtime';

/** The `local` stage of lib/config, as the runtime needs it (the issuer's keys are minted per run). */
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
    saga: config.saga,
  };
}
