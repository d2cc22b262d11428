import { guardedPaymentProvider } from '#payments/adapters/circuit-breaker-payment-provider';
import type { PaymentProvider } from '#payments/domain/payment-provider';
import { timedPaymentProvider } from './saga-metrics';

/** The stage's payment provider behind the shared circuit breaker (made on first use), each call timed. */
export function sagaPaymentProvider(): PaymentProvider {
  return timedPaymentProvider(guardedPaymentProvider());
}
