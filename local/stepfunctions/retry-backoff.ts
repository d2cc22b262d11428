import type { Retrier } from './definition-catalog';

/**
 * The pause before retry number `attempt` (1-based) of a retrier, as Step Functions computes it:
 * IntervalSeconds × BackoffRate^(attempt-1), capped by MaxDelaySeconds, and with JitterStrategy FULL a
 * uniformly random share of that. `scale` shrinks it for tests.
 */
export function retryBackoffMs(retrier: Retrier, attempt: number, scale: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * rate ** Math.max(0, attempt - 1);
  if (typeof retrier.MaxDelaySeconds === 'number') seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return seconds * 1000 * scale;
}
