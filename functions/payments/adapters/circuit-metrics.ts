import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, paymentCircuitMetrics } from '#contracts/metrics';

/**
 * Circuit state changes as EMF metrics, under one `service` dimension whichever function saw them
 * (saga steps, refunds), so one alarm covers the circuit (lib/constructs/observability.ts).
 * Single metrics flush at once: the caller's own metrics flush is not needed.
 */
const circuitMetrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: paymentCircuitMetrics.service });

function count(name: string): void {
  circuitMetrics.singleMetric().addMetric(name, MetricUnit.Count, 1);
}

export const recordCircuitOpened = () => count(paymentCircuitMetrics.opened);
export const recordCircuitFastFailed = () => count(paymentCircuitMetrics.fastFailed);
