import {
  admission,
  bucketAt,
  CLOSED,
  countsSuccess,
  mustOpen,
  windowCounts,
  WINDOW_BUCKETS,
  type CircuitSettings,
  type CircuitState,
} from '#payments/domain/circuit-breaker';
import { verdictOf } from '#payments/adapters/circuit-breaker-payment-provider';
import { PaymentDeclined, PaymentProviderRejected, PaymentProviderUnavailable } from '#payments/domain/payment-errors';

const settings: CircuitSettings = { failureThreshold: 3, failureWindowMs: 12_000, openMs: 5000, probeLeaseMs: 2000 };

/** A closed circuit with these outcomes counted at these times (each in its own bucket). */
function closedWith(...outcomes: { at: number; failures?: number; successes?: number }[]): CircuitState {
  const buckets: Record<number, { startMs: number; failures: number; successes: number }> = {};
  for (const { at, failures = 0, successes = 0 } of outcomes) {
    const { slot, startMs } = bucketAt(at, settings);
    buckets[slot] = { startMs, failures, successes };
  }
  return { status: 'closed', buckets };
}

describe('circuit breaker rules', () => {
  it('a closed circuit lets every call through', () => {
    expect(admission(CLOSED, 0)).toEqual({ kind: 'call' });
    expect(admission(closedWith({ at: 0, failures: 2 }), 0)).toEqual({ kind: 'call' });
  });

  it('an open circuit fails fast until its open time is over, then offers a probe', () => {
    expect(admission({ status: 'open', openUntil: 5000 }, 4000)).toEqual({ kind: 'reject', retryInMs: 1000 });
    expect(admission({ status: 'open', openUntil: 5000 }, 5000)).toEqual({ kind: 'probe' });
  });

  it('a half-open circuit fails fast while its probe runs, and offers another once the probe lease is over', () => {
    expect(admission({ status: 'half_open', probeUntil: 7000 }, 6000)).toMatchObject({ kind: 'reject' });
    expect(admission({ status: 'half_open', probeUntil: 7000 }, 7000)).toEqual({ kind: 'probe' });
  });

  it('cuts the window into buckets that slots are reused for once they have left it', () => {
    const width = settings.failureWindowMs / WINDOW_BUCKETS;
    expect(bucketAt(0, settings)).toEqual({ slot: 0, startMs: 0 });
    expect(bucketAt(width * 1.5, settings)).toEqual({ slot: 1, startMs: width });
    expect(bucketAt(settings.failureWindowMs + 1, settings)).toEqual({ slot: 0, startMs: settings.failureWindowMs });
  });

  it('counts only the buckets inside the sliding window', () => {
    const state = closedWith({ at: 0, failures: 2 }, { at: 6000, failures: 1, successes: 4 });
    expect(windowCounts(state, 6000, settings)).toEqual({ failures: 3, successes: 4 });
    // 12 s later the first bucket has left the window; 18 s later both have.
    expect(windowCounts(state, 12_000, settings)).toEqual({ failures: 1, successes: 4 });
    expect(windowCounts(state, 18_000, settings)).toEqual({ failures: 0, successes: 0 });
  });

  it('opens at the threshold of failures in the window when they are at least half of its outcomes', () => {
    expect(mustOpen(closedWith({ at: 0, failures: 2 }), 0, settings)).toBe(false);
    expect(mustOpen(closedWith({ at: 0, failures: 3 }), 0, settings)).toBe(true);
    expect(mustOpen(closedWith({ at: 0, failures: 3, successes: 3 }), 0, settings)).toBe(true);
    // A fifth of many calls failing is not an outage.
    expect(mustOpen(closedWith({ at: 0, failures: 20, successes: 80 }), 0, settings)).toBe(false);
    // Failures further apart than the window never add up.
    expect(mustOpen(closedWith({ at: 0, failures: 2 }, { at: 13_000, failures: 1 }), 13_000, settings)).toBe(false);
  });

  it('counts a success only while the window holds failures (a healthy provider costs no writes)', () => {
    expect(countsSuccess(CLOSED, 0, settings)).toBe(false);
    expect(countsSuccess(closedWith({ at: 0, successes: 5 }), 0, settings)).toBe(false);
    expect(countsSuccess(closedWith({ at: 0, failures: 1 }), 1000, settings)).toBe(true);
    expect(countsSuccess(closedWith({ at: 0, failures: 1 }), 13_000, settings)).toBe(false);
  });

  it('counts transient failures and timeouts, not declines, rejections or our own bugs', () => {
    expect(verdictOf(new PaymentProviderUnavailable())).toBe('transient-failure');
    expect(verdictOf(new PaymentDeclined('card_declined'))).toBe('healthy');
    expect(verdictOf(new PaymentProviderRejected(400, 'payment_intent_unexpected_state', 'no'))).toBe('healthy');
    expect(verdictOf(new TypeError('bug'))).toBe('not-counted');
  });
});
