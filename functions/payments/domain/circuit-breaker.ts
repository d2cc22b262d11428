/**
 * The payment provider's circuit breaker, as plain rules over a shared state (the store keeps it in
 * the table, so every Lambda instance sees the same circuit):
 *
 * - closed: calls go through. Outcomes are counted in a sliding window of `failureWindowMs`, kept as
 *   `WINDOW_BUCKETS` time buckets (each counts for one window after it starts, so the window slides
 *   in steps of a twelfth of it): every transient failure (an outage answer or a timeout) and every
 *   healthy answer (a decline included: the provider answered). Healthy answers are written at once
 *   while the window holds failures, otherwise with their instance's next write (a healthy provider
 *   costs no writes), so no failure is counted without the successes seen before it. The circuit
 *   opens when the window holds at least `failureThreshold` failures and they are at least half of
 *   its outcomes. So concurrent calls with a fifth of them failing never open it, however the answers
 *   interleave, and an outage does.
 * - open: calls fail fast for `openMs`.
 * - half-open: after that, exactly one call (the probe) is let through; the others still fail fast.
 *   The probe's success closes the circuit (with an empty window), its failure opens it again. A probe
 *   whose caller died frees its claim after `probeLeaseMs`.
 */

export interface CircuitSettings {
  failureThreshold: number;
  failureWindowMs: number;
  openMs: number;
  probeLeaseMs: number;
}

/** How many buckets the window is cut into. */
export const WINDOW_BUCKETS = 12;

/** The outcomes counted in one bucket of the window, which began at `startMs`. */
export interface WindowBucket {
  startMs: number;
  failures: number;
  successes: number;
}

export type CircuitState =
  /** `buckets` by slot (0 .. WINDOW_BUCKETS - 1); a slot is reused once its bucket has left the window. */
  { status: 'closed'; buckets: Partial<Record<number, WindowBucket>> } | { status: 'open'; openUntil: number } | { status: 'half_open'; probeUntil: number };

export const CLOSED: CircuitState = { status: 'closed', buckets: {} };

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

/** The bucket an outcome at `nowMs` is counted in: its slot and when it began. */
export function bucketAt(nowMs: number, settings: CircuitSettings): { slot: number; startMs: number } {
  const width = bucketWidthMs(settings);
  const index = Math.floor(nowMs / width);
  return { slot: ((index % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS, startMs: index * width };
}

const bucketWidthMs = (settings: CircuitSettings): number => Math.max(1, Math.ceil(settings.failureWindowMs / WINDOW_BUCKETS));

/** The outcomes in the window at `nowMs`. */
export function windowCounts(state: CircuitState, nowMs: number, settings: CircuitSettings): { failures: number; successes: number } {
  const counts = { failures: 0, successes: 0 };
  if (state.status !== 'closed') return counts;
  for (const bucket of Object.values(state.buckets)) {
    if (!bucket || bucket.startMs <= nowMs - settings.failureWindowMs || bucket.startMs > nowMs) continue;
    counts.failures += bucket.failures;
    counts.successes += bucket.successes;
  }
  return counts;
}

/** Whether a closed circuit must open: enough failures in the window, and at least half of its outcomes. */
export function mustOpen(state: CircuitState, nowMs: number, settings: CircuitSettings): boolean {
  const { failures, successes } = windowCounts(state, nowMs, settings);
  return failures >= settings.failureThreshold && failures >= successes;
}

/** Whether a success at `nowMs` is written at once: only while the window holds failures. */
export const countsSuccess = (state: CircuitState, nowMs: number, settings: CircuitSettings): boolean => windowCounts(state, nowMs, settings).failures > 0;

/** The outcome of a provider call, as the breaker counts it. */
export type CallVerdict = 'healthy' | 'transient-failure' | 'not-counted';
