import type { OrderSagaInput } from '../../orders/handlers/start-order-saga';
import { logger } from '../../shared/powertools';
import { describeExecution, executionArnOf, redriveExecution } from '../adapters/execution-redriver';
import { startExecutionOnce } from '../adapters/execution-starter';
import { pendingOrdersPlacedBefore, type PendingOrder } from '../adapters/pending-orders';
import { MAX_SAGA_REDRIVES, repairOfSaga } from '../domain/failed-saga-repair';

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
  /** Orders whose saga exists and is running (or succeeded while the order is still pending: logged). */
  alreadyStarted: number;
  /** Orders whose saga had failed (or timed out, or was stopped) and that this run redrove. */
  redriven: string[];
  /** Orders whose failed saga is not redriven again (MAX_SAGA_REDRIVES, or Step Functions refuses): a person must look. */
  givenUp: string[];
  /** Orders this run could not handle (an API call failed); the next run tries again. */
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
 * so a saga still starts at most once per order however often this runs. A saga that exists but ended
 * unsuccessfully (it cannot be started again: its name is taken) is redriven from the state that
 * failed, a few times at most (domain/failed-saga-repair.ts).
 */
export async function reconcileStrandedOrders(settings: ReconcileSettings): Promise<ReconcileReport> {
  const cutoff = new Date(settings.now.getTime() - settings.strandedAfterMinutes * 60_000);
  const report: ReconcileReport = { examined: 0, started: [], alreadyStarted: 0, redriven: [], givenUp: [], failed: 0 };
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
    if (outcome === 'already-started') return await repairExisting(executionArnOf(sagaArn, order.orderId), keys, report);
    report.started.push(order.orderId);
    logger.warn('stranded order: its saga had not started, started it now', keys);
  } catch (error) {
    report.failed += 1;
    logger.error('could not start or repair the saga of a stranded order (next run tries again)', { ...keys, error: error as Error });
  }
}

/** The order's saga exists: leave it running, or redrive it if it ended unsuccessfully. */
async function repairExisting(executionArn: string, keys: { orderId: string; correlationId?: string }, report: ReconcileReport): Promise<void> {
  const execution = await describeExecution(executionArn);
  const details = { ...keys, executionArn, status: execution.status, redriveCount: execution.redriveCount };
  switch (repairOfSaga(execution)) {
    case 'running':
      report.alreadyStarted += 1;
      return;
    case 'succeeded-while-pending':
      report.alreadyStarted += 1;
      logger.warn('stranded order: its saga succeeded yet the order is still pending (changed behind the saga?)', details);
      return;
    case 'give-up':
      report.givenUp.push(keys.orderId);
      logger.error(`stranded order: its saga failed and is not redriven again (redriven ${execution.redriveCount} times, at most ${MAX_SAGA_REDRIVES}); repair by hand`, {
        ...details,
        redriveStatus: execution.redriveStatus,
      });
      return;
    case 'redrive': {
      const outcome = await redriveExecution(executionArn, execution.redriveCount);
      if (outcome === 'already-redriven') {
        report.alreadyStarted += 1;
        return;
      }
      report.redriven.push(keys.orderId);
      logger.warn('stranded order: its saga had ended unsuccessfully, redrove it from the state that failed', details);
    }
  }
}
