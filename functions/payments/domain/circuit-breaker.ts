/**
 * The payment provider's circuit breaker, as plain rules over a shared state (the store keeps it in
 * the table, so every Lambda instance sees the same circuit):
 *
 * - closed: calls go through. A transient failure (an outage answer or a timeout) counts; a failure
 *   more than `failureWindowMs` after the previous one starts the count again; any healthy answer (a
 *   decline included: the provider answered) resets it. `failureThreshold` failures open the circuit.
 * - open: calls fail fast for `openMs`.
 * - half-open: after that, exactly one call (the probe) is let through; the others still fail fast.
 *   The probe's success closes the circuit, its failure opens it again. A probe whose caller died
 *   frees its claim after `probeLeaseMs`.
 */

export interface CircuitSettings {
  failureThreshold: number;
  failureWindowMs: number;
  openMs: number;
  probeLeaseMs: number;
}

export type CircuitState =
  | { status: 'closed'; failures: number; lastFailureAt?: number }
  | { status: 'open'; openUntil: number }
  | { status: 'half_open'; probeUntil: number };

export const CLOSED: CircuitState = { status: 'closed', failures: 0 };

/** May a call go through now? `probe`: only if this caller wins the claim on the half-open circuit. */
export type Admission = { kind: 'call' } | { kind: 'probe' } | { kind: 'reject'; retryInMs: number };

export function admission(state: CircuitState, nowMs: number): Admission {
  switch (state.status) {
    case 'closed':
      return { kind: 'call' };
    case 'open':
      return nowMs >= state.openUntil ? { kind: 'probe' } : { kind: 'reject', retryInMs: state.openUntil - nowMs };
    case 'half_open':
      // A probe is in flight; once its lease is over its caller is presumed dead and another may probe.
      return nowMs >= state.probeUntil ? { kind: 'probe' } : { kind: 'reject', retryInMs: state.probeUntil - nowMs };
  }
}

/** Whether a failure at `nowMs` continues the closed circuit's run of failures or starts a new one. */
export function continuesFailureRun(state: CircuitState, nowMs: number, settings: CircuitSettings): boolean {
  return state.status === 'closed' && state.lastFailureAt !== undefined && nowMs - state.lastFailureAt <= settings.failureWindowMs;
}

/** Whether a closed circuit with this many failures in a row must open. */
export const mustOpen = (failures: number, settings: CircuitSettings): boolean => failures >= settings.failureThreshold;

/** The outcome of a provider call, as the breaker counts it. */
export type CallVerdict = 'healthy' | 'transient-failure' | 'not-counted';
