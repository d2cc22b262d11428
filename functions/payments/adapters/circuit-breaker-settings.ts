import type { CircuitSettings } from '../domain/circuit-breaker';

/**
 * The breaker's thresholds and the provider call timeout, from the function's environment (read on
 * every use, so a test or an operator changing them needs no redeploy of code):
 * - `PAYMENT_CIRCUIT_FAILURE_THRESHOLD` (default 10): transient failures within the window that open
 *   the circuit (when they are at least half of the window's outcomes).
 * - `PAYMENT_CIRCUIT_FAILURE_WINDOW_SECONDS` (default 60): the sliding window outcomes are counted in.
 * - `PAYMENT_CIRCUIT_OPEN_SECONDS` (default 30): how long an open circuit fails fast before a probe.
 * - `PAYMENT_PROVIDER_TIMEOUT_MS` (default 5000): a call not answered by then counts as a transient failure.
 */
export interface ProviderGuardSettings extends CircuitSettings {
  callTimeoutMs: number;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number`);
  return value;
}

export function providerGuardSettings(): ProviderGuardSettings {
  const callTimeoutMs = positiveNumber('PAYMENT_PROVIDER_TIMEOUT_MS', 5000);
  return {
    failureThreshold: Math.ceil(positiveNumber('PAYMENT_CIRCUIT_FAILURE_THRESHOLD', 10)),
    failureWindowMs: positiveNumber('PAYMENT_CIRCUIT_FAILURE_WINDOW_SECONDS', 60) * 1000,
    openMs: positiveNumber('PAYMENT_CIRCUIT_OPEN_SECONDS', 30) * 1000,
    // Longer than any probe can take, so a live probe is never doubled; a dead one frees up soon.
    probeLeaseMs: Math.max(10_000, 2 * callTimeoutMs),
    callTimeoutMs,
  };
}
