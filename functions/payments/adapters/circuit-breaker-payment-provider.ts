import { documentClient, tableName } from '#shared/aws/document-client';
import type { CallVerdict } from '../domain/circuit-breaker';
import { PaymentDeclined, PaymentProviderRejected, PaymentProviderUnavailable } from '../domain/payment-errors';
import type { AuthorizationResult, PaymentProvider, ProviderCall, ProviderPayment, ProviderPaymentState } from '../domain/payment-provider';
import { CircuitBreaker } from './circuit-breaker-guard';
import { providerGuardSettings } from './circuit-breaker-settings';
import { CircuitBreakerStore } from './circuit-breaker-store';
import { paymentProvider } from './payment-provider-factory';

/** The one circuit of the stage's payment provider, shared by every function that calls it. */
export const PAYMENT_PROVIDER_CIRCUIT = 'payment-provider';

/**
 * A PaymentProvider behind a circuit breaker and a call timeout. Transient failures and timeouts
 * count towards opening the circuit; a decline or a rejection does not (the provider answered); an
 * unknown error (a bug on our side) is passed on uncounted.
 */
export class CircuitBreakingPaymentProvider implements PaymentProvider {
  constructor(
    private readonly inner: PaymentProvider,
    private readonly breaker: CircuitBreaker,
    private readonly callTimeoutMs: () => number,
  ) {}

  create(call: ProviderCall): Promise<{ providerPaymentId: string }> {
    return this.guarded('create', () => this.inner.create(call));
  }

  authorize(call: ProviderCall): Promise<AuthorizationResult> {
    // A retried step authorizes again and the provider replays its first answer: counted as healthy,
    // those replays would keep pace with the failures of the step's later call and hide an outage.
    return this.guarded(
      'authorize',
      () => this.inner.authorize(call),
      (result) => !result.replayed,
    );
  }

  capture(call: ProviderCall): Promise<{ status: 'captured' }> {
    return this.guarded('capture', () => this.inner.capture(call));
  }

  void(call: ProviderCall): Promise<{ status: 'voided' }> {
    return this.guarded('void', () => this.inner.void(call));
  }

  refund(call: ProviderCall): Promise<{ status: 'refunded' }> {
    return this.guarded('refund', () => this.inner.refund(call));
  }

  inspect(payment: ProviderPayment): Promise<ProviderPaymentState> {
    return this.guarded('inspect', () => this.inner.inspect(payment));
  }

  private guarded<T>(operation: string, call: () => Promise<T>, counts?: (result: T) => boolean): Promise<T> {
    return this.breaker.run(() => withTimeout(call(), this.callTimeoutMs(), operation), verdictOf, counts);
  }
}

export function verdictOf(error: unknown): CallVerdict {
  if (error instanceof PaymentDeclined || error instanceof PaymentProviderRejected) return 'healthy';
  if (error instanceof PaymentProviderUnavailable || (error as Error | undefined)?.name === 'PaymentProviderUnavailable') return 'transient-failure';
  return 'not-counted';
}

/** The call's answer, or PaymentProviderUnavailable after `ms` (the call itself cannot be cancelled; its late answer is ignored). */
function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PaymentProviderUnavailable(`The payment provider did not answer ${operation} within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let guarded: PaymentProvider | undefined;

/** The stage's payment provider behind the shared circuit breaker, created on first use. */
export function guardedPaymentProvider(): PaymentProvider {
  if (!guarded) {
    const breaker = new CircuitBreaker(new CircuitBreakerStore(documentClient, tableName, PAYMENT_PROVIDER_CIRCUIT), providerGuardSettings);
    guarded = new CircuitBreakingPaymentProvider(paymentProvider(), breaker, () => providerGuardSettings().callTimeoutMs);
  }
  return guarded;
}
