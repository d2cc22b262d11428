/**
 * A rule target's retry policy: its limits (as EventBridge's RetryPolicy accepts them) and the delay
 * before each retry. AWS documents "exponential backoff and jitter" without the constants, so the delay
 * here doubles from a base (1 s by default, a few ms in tests), is capped at 60 bases, and is jittered
 * between half and all of that value so a burst of failures does not retry in lockstep.
 */
import type { RetryPolicySpec } from '#contracts/wiring';

export const RETRY_POLICY_LIMITS = {
  maximumRetryAttempts: { min: 0, max: 185 },
  maximumEventAgeSeconds: { min: 60, max: 86400 },
} as const;

const MAX_DELAY_IN_BASES = 60;

/** Throws an Error naming `where` when the policy is outside what EventBridge accepts. */
export const assertValidRetryPolicy = (policy: RetryPolicySpec, where: string): void => {
  for (const key of Object.keys(RETRY_POLICY_LIMITS) as (keyof typeof RETRY_POLICY_LIMITS)[]) {
    const { min, max } = RETRY_POLICY_LIMITS[key];
    const value = policy[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${where}: retry policy ${key} must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
  }
};

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry).
 * @param random a source of numbers in [0, 1), Math.random by default
 */
export const retryDelayMs = (retry: number, baseMs: number, random: () => number = Math.random): number => {
  const exponential = Math.min(baseMs * 2 ** (retry - 1), baseMs * MAX_DELAY_IN_BASES);
  return exponential / 2 + random() * (exponential / 2);
};
