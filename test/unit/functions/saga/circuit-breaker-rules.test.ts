import { admission, CLOSED, continuesFailureRun, mustOpen, type CircuitSettings } from '../../../../functions/payments/domain/circuit-breaker';
import { verdictOf } from '../../../../functions/payments/adapters/circuit-breaker-payment-provider';
import { PaymentDeclined, PaymentProviderUnavailable } from '../../../../functions/payments/domain/payment-errors';

const settings: CircuitSettings = { failureThreshold: 3, failureWindowMs: 1000, openMs: 5000, probeLeaseMs: 2000 };

describe('circuit breaker rules', () => {
  it('a closed circuit lets every call through', () => {
    expect(admission(CLOSED, 0)).toEqual({ kind: 'call' });
    expect(admission({ status: 'closed', failures: 2, lastFailureAt: 0 }, 0)).toEqual({ kind: 'call' });
  });

  it('an open circuit fails fast until its open time is over, then offers a probe', () => {
    expect(admission({ status: 'open', openUntil: 5000 }, 4000)).toEqual({ kind: 'reject', retryInMs: 1000 });
    expect(admission({ status: 'open', openUntil: 5000 }, 5000)).toEqual({ kind: 'probe' });
  });

  it('a half-open circuit fails fast while its probe runs, and offers another once the probe lease is over', () => {
    expect(admission({ status: 'half_open', probeUntil: 7000 }, 6000)).toMatchObject({ kind: 'reject' });
    expect(admission({ status: 'half_open', probeUntil: 7000 }, 7000)).toEqual({ kind: 'probe' });
  });

  it('failures within the window of one another make a run; the threshold opens it', () => {
    expect(continuesFailureRun({ status: 'closed', failures: 1, lastFailureAt: 0 }, 1000, settings)).toBe(true);
    expect(continuesFailureRun({ status: 'closed', failures: 1, lastFailureAt: 0 }, 1001, settings)).toBe(false);
    expect(continuesFailureRun(CLOSED, 0, settings)).toBe(false);
    expect(mustOpen(2, settings)).toBe(false);
    expect(mustOpen(3, settings)).toBe(true);
  });

  it('counts transient failures and timeouts, not declines or our own bugs', () => {
    expect(verdictOf(new PaymentProviderUnavailable())).toBe('transient-failure');
    expect(verdictOf(new PaymentDeclined('card_declined'))).toBe('healthy');
    expect(verdictOf(new TypeError('bug'))).toBe('not-counted');
  });
});
