import { logger } from '../../shared/powertools';
import { admission, type CallVerdict, type CircuitSettings, type CircuitState } from '../domain/circuit-breaker';
import { PaymentProviderUnavailable } from '../domain/payment-errors';
import type { CircuitBreakerStore } from './circuit-breaker-store';
import { recordCircuitFastFailed, recordCircuitOpened } from './circuit-metrics';

/** How a call was let through. */
interface Pass {
  probing: boolean;
  /** The closed circuit's failures at admission (a success resets them only if there are any). */
  failuresBefore: number;
}

/**
 * Runs calls through the circuit kept by a CircuitBreakerStore. While the circuit is open a call
 * fails fast with PaymentProviderUnavailable (transient: the saga retries it with backoff) without
 * reaching the provider. The breaker protects the provider and our latency; it must never become an
 * outage of its own, so when its table cannot be read or written the call goes through and the
 * problem is logged (fail open).
 */
export class CircuitBreaker {
  constructor(
    private readonly store: CircuitBreakerStore,
    /** Read at every call, so thresholds follow the environment. */
    private readonly settings: () => CircuitSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  async run<T>(call: () => Promise<T>, verdictOf: (error: unknown) => CallVerdict): Promise<T> {
    const pass = await this.admit();
    let result: T;
    try {
      result = await call();
    } catch (error) {
      const verdict = verdictOf(error);
      if (verdict === 'transient-failure') await this.safely('record a failure', () => this.failed(pass));
      // A programming error says nothing about the provider, but a probe must not hold its claim.
      else if (verdict === 'healthy' || pass.probing) await this.safely('record a success', () => this.succeeded(pass));
      throw error;
    }
    await this.safely('record a success', () => this.succeeded(pass));
    return result;
  }

  /** Lets the call go (as the probe of a half-open circuit, or with the closed circuit's failure count) or fails fast. */
  private async admit(): Promise<Pass> {
    const now = this.clock();
    let state: CircuitState;
    try {
      state = await this.store.read();
    } catch (error) {
      logger.warn('circuit breaker state unreadable: calling the provider anyway', { circuit: this.store.circuitId, error: error as Error });
      return { probing: false, failuresBefore: 0 };
    }
    const decision = admission(state, now);
    if (decision.kind === 'call') return { probing: false, failuresBefore: state.status === 'closed' ? state.failures : 0 };
    if (decision.kind === 'probe') {
      let claimed: boolean;
      try {
        claimed = await this.store.claimProbe(now, this.settings());
      } catch (error) {
        logger.warn('circuit breaker probe claim failed: calling the provider anyway', { circuit: this.store.circuitId, error: error as Error });
        return { probing: false, failuresBefore: 0 };
      }
      if (claimed) {
        logger.info('circuit half-open: probing the payment provider', { circuit: this.store.circuitId });
        return { probing: true, failuresBefore: 0 };
      }
    }
    recordCircuitFastFailed();
    throw new PaymentProviderUnavailable('The payment provider circuit is open: failing fast.');
  }

  private async failed({ probing }: Pass): Promise<void> {
    const now = this.clock();
    if (probing) {
      const settings = this.settings();
      await this.store.reopenAfterProbe(now, settings);
      recordCircuitOpened();
      logger.warn('payment provider probe failed: circuit open again', { circuit: this.store.circuitId, openForMs: settings.openMs });
      return;
    }
    const settings = this.settings();
    const state = await this.store.recordFailure(now, settings);
    if (state?.status === 'open') {
      recordCircuitOpened();
      logger.warn('payment provider circuit opened', { circuit: this.store.circuitId, openForMs: settings.openMs });
    }
  }

  private async succeeded({ probing, failuresBefore }: Pass): Promise<void> {
    const now = this.clock();
    if (probing) {
      await this.store.closeAfterProbe(now);
      logger.info('payment provider probe succeeded: circuit closed', { circuit: this.store.circuitId });
      return;
    }
    // Written only when there is a run of failures to end: a healthy provider costs no writes.
    if (failuresBefore > 0) await this.store.resetFailures(now);
  }

  private async safely(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      logger.warn(`circuit breaker could not ${what}`, { circuit: this.store.circuitId, error: error as Error });
    }
  }
}
