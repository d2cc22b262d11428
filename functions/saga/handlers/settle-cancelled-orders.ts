import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { METRICS_NAMESPACE, settlementSweepMetrics } from '#contracts/metrics';
import { providerGuardSettings } from '#payments/adapters/circuit-breaker-settings';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { sagaPaymentProvider } from '../adapters/saga-payment-provider';
import { settlementDueAfterSeconds } from '../adapters/saga-settings';
import { type SettlementSweepReport, settleCancelledOrders } from '../application/settle-cancelled-orders';
import type { SagaPorts } from '../domain/ports';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';
import { dynamoDbStockReservations } from '../adapters/stock-reservation-store';
import { dynamoDbOrdersAwaitingRepair } from '../adapters/orders-awaiting-repair';

/** Orders examined per run at most; the rest wait for the next run. */
const MAX_ORDERS_PER_RUN = 100;

/** Under its own fixed `service` dimension, so the stack's alarm names it without knowing this function. */
const sweepMetrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: settlementSweepMetrics.service });

/** Scheduled (rate(5 minutes)): settles every cancelled order whose compensation did not finish. */
export function settleCancelledOrdersHandler(ports: Pick<SagaPorts, 'orders' | 'payments' | 'reservations' | 'awaitingRepair'>) {
  const sweep = async (_event: unknown, context: Context): Promise<SettlementSweepReport> => {
    // Inspect, then void or refund: two provider calls at worst, and a few writes.
    const reserveMs = 2 * providerGuardSettings().callTimeoutMs + 5_000;
    const report = await settleCancelledOrders(
      ports,
      {
        dueAfterSeconds: settlementDueAfterSeconds(),
        maxOrders: MAX_ORDERS_PER_RUN,
        timeLeftMs: () => context.getRemainingTimeInMillis(),
        reserveMs,
        now: new Date(),
      },
      sagaPaymentProvider(),
    );
    metrics.addMetric('CancelledOrdersSettledBySweeper', MetricUnit.Count, report.settled.length);
    // The alarm's metric: orders the sweeper could not settle this run (each one an error log with the cause).
    sweepMetrics.singleMetric().addMetric(settlementSweepMetrics.unsettled, MetricUnit.Count, report.unsettled.length);
    logger.info('cancelled orders swept', { examined: report.examined, settled: report.settled.length, unsettled: report.unsettled.length });
    return report;
  };
  return middy(sweep)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = settleCancelledOrdersHandler({
  orders: dynamoDbSagaOrders,
  payments: dynamoDbSagaPayments,
  reservations: dynamoDbStockReservations,
  awaitingRepair: dynamoDbOrdersAwaitingRepair,
});
