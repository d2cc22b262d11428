import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../../shared/powertools';

/**
 * The saga's own EMF metric (payment latency): how long the provider took to answer one
 * call, failures included (a slow outage is the point). Orders confirmed and cancelled by reason are
 * counted from the published events (functions/events/outbox/business-metrics.ts), once per change,
 * so the saga does not count them again.
 */
export async function timedProviderCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await call();
  } finally {
    const metric = metrics.singleMetric();
    metric.addDimension('operation', operation);
    metric.addMetric('PaymentProviderLatency', MetricUnit.Milliseconds, performance.now() - started);
  }
}
