import type { OrderSagaInput } from '../../orders/handlers/start-order-saga';
import { logger } from '../../shared/powertools';
import { startExecutionOnce } from '../adapters/execution-starter';
import { pendingOrdersPlacedBefore, type PendingOrder } from '../adapters/pending-orders';

export interface ReconcileSettings {
  sagaArn: string;
  /** An order pending longer than this is stranded (its saga normally ends within seconds, or waits RUNNING). */
  strandedAfterMinutes: number;
  /** Orders examined per run at most. */
  maxOrders: number;
  now: Date;
}

export interface ReconcileReport {
  examined: number;
  /** Sagas this run started: orders whose saga had never started. */
  started: string[];
  /** Orders whose saga exists (running, or ended without confirming or cancelling: see docs/saga.md). */
  alreadyStarted: number;
  failed: number;
}

/**
 * The saga's input as start-order-saga builds it, marked as the reconciler's. The mark makes the input
 * differ from the stream consumer's, so Step Functions answers ExecutionAlreadyExists for any order
 * whose saga exists, running or not (with an identical input it would hand back a running execution
 * as if just started), and an operator reading an execution sees who started it.
 */
export const sagaInputOf = (order: PendingOrder): OrderSagaInput & { startedBy: string } => ({
  orderId: order.orderId,
  ...(order.correlationId ? { correlationId: order.correlationId } : {}),
  startedBy: 'stranded-order-reconciler',
});

const PARALLEL_STARTS = 8;

/**
 * Finds orders pending for longer than they should be and starts their saga by name (the order id):
 * an order whose saga never started (a lost stream record, a start that kept failing) gets it now, and
 * for every other order the start is refused (ExecutionAlreadyExists) or answers the running execution,
 * so a saga still starts at most once per order however often this runs.
 */
export async function reconcileStrandedOrders(settings: ReconcileSettings): Promise<ReconcileReport> {
  const cutoff = new Date(settings.now.getTime() - settings.strandedAfterMinutes * 60_000);
  const report: ReconcileReport = { examined: 0, started: [], alreadyStarted: 0, failed: 0 };
  let batch: PendingOrder[] = [];
  const flush = async () => {
    await Promise.all(batch.map((order) => startOne(settings.sagaArn, order, report)));
    batch = [];
  };
  for await (const order of pendingOrdersPlacedBefore(cutoff, settings.maxOrders)) {
    report.examined += 1;
    batch.push(order);
    if (batch.length >= PARALLEL_STARTS) await flush();
  }
  await flush();
  return report;
}

async function startOne(sagaArn: string, order: PendingOrder, report: ReconcileReport): Promise<void> {
  const keys = { orderId: order.orderId, correlationId: order.correlationId, createdAt: order.createdAt };
  try {
    const outcome = await startExecutionOnce(sagaArn, order.orderId, sagaInputOf(order));
    if (outcome === 'already-started') {
      report.alreadyStarted += 1;
      return;
    }
    report.started.push(order.orderId);
    logger.warn('stranded order: its saga had not started, started it now', keys);
  } catch (error) {
    report.failed += 1;
    logger.error('could not start the saga of a stranded order (next run tries again)', { ...keys, error: error as Error });
  }
}
