import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PaymentProvider } from '#payments/domain/payment-provider';
import { metrics } from '#shared/powertools';

/**
 * The saga's own EMF metric (payment latency): how long the provider took to answer one call,
 * failures included (a slow outage is the point). Orders confirmed and cancelled by reason are
 * counted from the published events (functions/outbox/domain/business-metrics.ts), once per change,
 * so the saga does not count them again.
 */
async function timed<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await call();
  } finally {
    const metric = metrics.singleMetric();
    metric.addDimension('operation', operation);
    metric.addMetric('PaymentProviderLatency', MetricUnit.Milliseconds, performance.now() - started);
  }
}

/** The provider with every call timed, under the operation's name. */
export function timedPaymentProvider(provider: PaymentProvider): PaymentProvider {
  return {
    create: (call) => timed('create', () => provider.create(call)),
    authorize: (call) => timed('authorize', () => provider.authorize(call)),
    capture: (call) => timed('capture', () => provider.capture(call)),
    void: (call) => timed('void', () => provider.void(call)),
    refund: (call) => timed('refund', () => provider.refund(call)),
    inspect: (payment) => timed('inspect', () => provider.inspect(payment)),
  };
}
