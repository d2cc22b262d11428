import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { METRICS_NAMESPACE, sagaRepairMetrics } from '#contracts/metrics';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { strandedOrderAfterMinutes } from '../adapters/saga-settings';
import { sagaMachinesFromEnvironment, stepFunctionsExecutions } from '../adapters/step-functions-executions';
import { type ReconcileReport, reconcileStrandedOrders } from '../application/reconcile-stranded-orders';
import type { SagaPorts } from '../domain/ports';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbPendingOrders } from '../adapters/pending-orders';
import { dynamoDbOrdersAwaitingRepair } from '../adapters/orders-awaiting-repair';

/** Orders examined per run, well within the function's timeout; more wait for the next run (a cursor keeps the place). */
const MAX_ORDERS_PER_RUN = 500;

/** Under its own fixed `service` dimension, so the stack's alarm names it without knowing this function. */
const repairMetrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: sagaRepairMetrics.service });

/** Scheduled (rate(5 minutes)): starts the saga of every order left pending without one, repairs failed ones, parks the hopeless for a person. */
export function reconcileStrandedOrdersHandler(ports: Pick<SagaPorts, 'orders' | 'pendingOrders' | 'awaitingRepair' | 'executions'>) {
  const reconcile = async (): Promise<ReconcileReport> => {
    const report = await reconcileStrandedOrders(ports, {
      machines: sagaMachinesFromEnvironment(),
      strandedAfterMinutes: strandedOrderAfterMinutes(),
      maxOrders: MAX_ORDERS_PER_RUN,
      now: new Date(),
    });
    metrics.addMetric('StrandedOrdersStarted', MetricUnit.Count, report.started.length + report.restarted.length);
    metrics.addMetric('FailedSagasRedriven', MetricUnit.Count, report.redriven.length);
    // Every parked order, on every run: the alarm stays up until a person has repaired each one.
    repairMetrics.singleMetric().addMetric(sagaRepairMetrics.givenUp, MetricUnit.Count, report.parked);
    logger.info('stranded orders reconciled', {
      examined: report.examined,
      started: report.started.length,
      restarted: report.restarted.length,
      alreadyStarted: report.alreadyStarted,
      redriven: report.redriven.length,
      givenUp: report.givenUp.length,
      parked: report.parked,
      failed: report.failed,
    });
    if (report.failed > 0) throw new Error(`${report.failed} stranded orders could not be started; the next run tries again`);
    return report;
  };
  return middy(reconcile)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = reconcileStrandedOrdersHandler({
  orders: dynamoDbSagaOrders,
  pendingOrders: dynamoDbPendingOrders,
  awaitingRepair: dynamoDbOrdersAwaitingRepair,
  executions: stepFunctionsExecutions,
});
