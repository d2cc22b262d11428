import { logger } from '#shared/powertools';
import { admission, bucketAt, countsSuccess, type CallVerdict, type CircuitSettings, type CircuitState } from '../domain/circuit-breaker';
import { PaymentProviderUnavailable } from '../domain/payment-errors';
import type { CircuitBreakerStore } from './circuit-breaker-store';
import { recordCircuitFastFailed, recordCircuitOpened } from './circuit-metrics';

/** How a call was let through. */
interface Pass {
  probing: boolean;
  /** The closed circuit as read at admission (undefined: unreadable, or not closed). */
  seen?: CircuitState;
}

/**
 * Runs calls through the circuit kept by a CircuitBreakerStore. While the circuit is open a call
 * fails fast with PaymentProviderUnavailable (transient: the saga retries it with backoff) without
 * reaching the provider. The breaker protects the provider and our latency; it must never become an
 * outage of its own, so when its table cannot be read or written the call goes through and the
 * problem is logged (fail open).
 */
export class CircuitBreaker {
  /**
   * Healthy answers this instance saw while the window looked free of failures, not written yet (a
   * healthy provider costs no writes): they go out with this instance's next write in the same
   * bucket. So a failure is never counted without the successes its caller saw before it, and a burst
   * of concurrent calls with a few failures among many successes does not look like an outage.
   */
  private unwritten = { startMs: Number.NaN, successes: 0 };

  constructor(
    private readonly store: CircuitBreakerStore,
    /** Read at every call, so thresholds follow the environment. */
    private readonly settings: () => CircuitSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `counts`: whether an answer shows the provider healthy (an answer replayed from the provider's idempotency record does not). */
  async run<T>(call: () => Promise<T>, verdictOf: (error: unknown) => CallVerdict, counts: (result: T) => boolean = () => true): Promise<T> {
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
    if (counts(result) || pass.probing) await this.safely('record a success', () => this.succeeded(pass));
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
      return { probing: false };
    }
    const decision = admission(state, now);
    if (decision.kind === 'call') return { probing: false, seen: state };
    if (decision.kind === 'probe') {
      let claimed: boolean;
      try {
        claimed = await this.store.claimProbe(now, this.settings());
      } catch (error) {
        logger.warn('circuit breaker probe claim failed: calling the provider anyway', { circuit: this.store.circuitId, error: error as Error });
        return { probing: false };
      }
      if (claimed) {
        logger.info('circuit half-open: probing the payment provider', { circuit: this.store.circuitId });
        return { probing: true };
      }
    }
    recordCircuitFastFailed();
    throw new PaymentProviderUnavailable('The payment provider circuit is open: failing fast.');
  }

  private async failed({ probing }: Pass): Promise<void> {
    const now = this.clock();
    const settings = this.settings();
    if (probing) {
      await this.store.reopenAfterProbe(now, settings);
      recordCircuitOpened();
      logger.warn('payment provider probe failed: circuit open again', { circuit: this.store.circuitId, openForMs: settings.openMs });
      return;
    }
    const state = await this.store.recordFailure(now, settings, this.takeUnwritten(now, settings));
    if (state?.status === 'open') {
      recordCircuitOpened();
      logger.warn('payment provider circuit opened', { circuit: this.store.circuitId, openForMs: settings.openMs });
    }
  }

  private async succeeded({ probing, seen }: Pass): Promise<void> {
    const now = this.clock();
    if (probing) {
      await this.store.closeAfterProbe(now);
      logger.info('payment provider probe succeeded: circuit closed', { circuit: this.store.circuitId });
      return;
    }
    const settings = this.settings();
    // Written at once only while the window holds failures (then it may decide against opening).
    if (seen && countsSuccess(seen, now, settings)) await this.store.recordSuccesses(now, settings, 1 + this.takeUnwritten(now, settings));
    else this.keepUnwritten(now, settings);
  }

  private keepUnwritten(nowMs: number, settings: CircuitSettings): void {
    const { startMs } = bucketAt(nowMs, settings);
    if (this.unwritten.startMs !== startMs) this.unwritten = { startMs, successes: 0 };
    this.unwritten.successes += 1;
  }

  /** The unwritten successes of the bucket of `nowMs` (older ones belong to buckets no write is about), now taken. */
  private takeUnwritten(nowMs: number, settings: CircuitSettings): number {
    const taken = this.unwritten.startMs === bucketAt(nowMs, settings).startMs ? this.unwritten.successes : 0;
    this.unwritten = { startMs: Number.NaN, successes: 0 };
    return taken;
  }

  private async safely(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      logger.warn(`circuit breaker could not ${what}`, { circuit: this.store.circuitId, error: error as Error });
    }
  }
}
