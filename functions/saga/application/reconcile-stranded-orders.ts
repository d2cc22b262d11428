import { logger } from '#shared/powertools';
import { executionArnOf, MAX_SAGA_REDRIVES, repairOfSaga, type SagaExecutionState } from '../domain/failed-saga-repair';
import type { PendingOrder, SagaMachines, SagaPorts } from '../domain/ports';
import type { OrderSagaInput } from '../domain/saga-messages';

type ReconcilePorts = Pick<SagaPorts, 'pendingOrders' | 'awaitingRepair' | 'executions' | 'orders'>;

export interface ReconcileSettings {
  machines: SagaMachines;
  /** An order pending longer than this is stranded (its saga normally ends within seconds, or waits RUNNING). */
  strandedAfterMinutes: number;
  /** Orders examined per run at most; a run that finds more leaves a cursor, and the next run goes on from there. */
  maxOrders: number;
  /** Redrives of a failed saga (starts again of an Express one) before it is given up (default MAX_SAGA_REDRIVES). */
  maxRedrives?: number;
  now: Date;
}

export interface ReconcileReport {
  examined: number;
  /** Sagas this run started: orders whose (Standard) saga had never started. */
  started: string[];
  /** Express sagas this run started again: an Express execution cannot be looked up, so whether it never started or failed is not known. */
  restarted: string[];
  /** Orders whose saga exists and is running (or succeeded while the order is still pending: logged). */
  alreadyStarted: number;
  /** Orders whose saga had failed (or timed out, or was stopped) and that this run redrove. */
  redriven: string[];
  /** Orders this run parked for a person: their failed saga is not redriven again (MAX_SAGA_REDRIVES, or Step Functions refuses), or it succeeded yet left the order pending. */
  givenUp: string[];
  /** Orders parked for a person, all runs together (the alarm's metric). */
  parked: number;
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
 * Finds orders pending for longer than they should be and gets their saga going again, at most once at
 * a time per order:
 * - a saga that handed its order over to the payment authorization machine (Standard, named after the
 *   order) is repaired there: left alone while it waits, redriven if it failed;
 * - a Standard saga is started by name (the order id): an order whose saga never started (a lost stream
 *   record, a start that kept failing) gets it now, and for every other order the start is refused
 *   (ExecutionAlreadyExists), so a saga still starts at most once per order however often this runs. A
 *   saga that exists but ended unsuccessfully (its name is taken) is redriven from the state that
 *   failed, a few times at most (domain/failed-saga-repair.ts);
 * - an Express saga keeps no history to read and cannot be redriven: it is started again (every step is
 *   idempotent, so what was done is not done twice), a few times at most, counted on the order.
 * After those few times, or when a saga succeeded yet left its order pending, the order is parked for a
 * person (gsi3 `ORDER_SAGA_PARKED`) and no longer examined. Each run examines at most `maxOrders`, oldest
 * first, from where the last run stopped, so every stranded order is reached however many wait.
 */
export async function reconcileStrandedOrders(ports: ReconcilePorts, settings: ReconcileSettings): Promise<ReconcileReport> {
  const cutoff = new Date(settings.now.getTime() - settings.strandedAfterMinutes * 60_000);
  const report: ReconcileReport = { examined: 0, started: [], restarted: [], alreadyStarted: 0, redriven: [], givenUp: [], parked: 0, failed: 0 };
  const page = await ports.pendingOrders.placedBefore(cutoff, settings.maxOrders, await ports.pendingOrders.readCursor());
  report.examined = page.orders.length;
  for (let start = 0; start < page.orders.length; start += PARALLEL_STARTS) {
    await Promise.all(page.orders.slice(start, start + PARALLEL_STARTS).map((order) => startOne(ports, settings, order, report)));
  }
  await ports.pendingOrders.writeCursor(page.resumeAfter, settings.now);
  report.parked = await ports.awaitingRepair.countParked();
  return report;
}

async function startOne(ports: ReconcilePorts, settings: ReconcileSettings, order: PendingOrder, report: ReconcileReport): Promise<void> {
  const keys = { orderId: order.orderId, correlationId: order.correlationId, createdAt: order.createdAt };
  const { sagaArn, sagaType, paymentAuthorizationArn } = settings.machines;
  try {
    if (sagaType === 'EXPRESS') {
      const waiting = executionArnOf(paymentAuthorizationArn, order.orderId);
      const execution = await ports.executions.describe(waiting);
      if (execution) return await repairExisting(ports, waiting, execution, keys, report, settings);
      return await startAgain(ports, settings, order, keys, report);
    }
    const outcome = await ports.executions.startOnce(sagaArn, order.orderId, sagaInputOf(order));
    if (outcome === 'started') {
      report.started.push(order.orderId);
      logger.warn('stranded order: its saga had not started, started it now', keys);
      return;
    }
    for (const executionArn of [executionArnOf(paymentAuthorizationArn, order.orderId), executionArnOf(sagaArn, order.orderId)]) {
      const execution = await ports.executions.describe(executionArn);
      if (execution) return await repairExisting(ports, executionArn, execution, keys, report, settings);
    }
    report.alreadyStarted += 1;
  } catch (error) {
    report.failed += 1;
    logger.error('could not start or repair the saga of a stranded order (next run tries again)', { ...keys, error: error as Error });
  }
}

/** An Express saga: started again, or parked once it has been started again as often as a failed saga is redriven. */
async function startAgain(
  ports: ReconcilePorts,
  settings: ReconcileSettings,
  order: PendingOrder,
  keys: { orderId: string; correlationId?: string },
  report: ReconcileReport,
): Promise<void> {
  const maxRestarts = settings.maxRedrives ?? MAX_SAGA_REDRIVES;
  const restarts = await ports.orders.countSagaRestart(order.orderId, settings.now);
  if (restarts === undefined) return; // no longer pending: settled meanwhile
  if (restarts > maxRestarts) {
    if (await ports.orders.parkPending(order.orderId, settings.now)) report.givenUp.push(order.orderId);
    logger.error(`stranded order: its Express saga was started again ${maxRestarts} times and the order is still pending; parked for a person to repair`, keys);
    return;
  }
  await ports.executions.startOnce(settings.machines.sagaArn, order.orderId, sagaInputOf(order));
  report.restarted.push(order.orderId);
  logger.warn(`stranded order: its Express saga started again (${restarts} of at most ${maxRestarts})`, keys);
}

/** The order's saga exists: leave it running, or redrive it if it ended unsuccessfully. */
async function repairExisting(
  ports: ReconcilePorts,
  executionArn: string,
  execution: SagaExecutionState,
  keys: { orderId: string; correlationId?: string },
  report: ReconcileReport,
  settings: ReconcileSettings,
): Promise<void> {
  const details = { ...keys, executionArn, status: execution.status, redriveCount: execution.redriveCount };
  const maxRedrives = settings.maxRedrives ?? MAX_SAGA_REDRIVES;
  switch (repairOfSaga(execution, maxRedrives)) {
    case 'running':
      report.alreadyStarted += 1;
      return;
    case 'succeeded-while-pending':
      if (await ports.orders.parkPending(keys.orderId, settings.now)) report.givenUp.push(keys.orderId);
      logger.error('stranded order: its saga succeeded yet the order is still pending (changed behind the saga?); parked for a person', details);
      return;
    case 'give-up':
      if (await ports.orders.parkPending(keys.orderId, settings.now)) report.givenUp.push(keys.orderId);
      logger.error(
        `stranded order: its saga failed and is not redriven again (redriven ${execution.redriveCount} times, at most ${maxRedrives}); parked for a person to repair`,
        {
          ...details,
          redriveStatus: execution.redriveStatus,
        },
      );
      return;
    case 'redrive': {
      const outcome = await ports.executions.redrive(executionArn, execution.redriveCount);
      if (outcome === 'already-redriven') {
        report.alreadyStarted += 1;
        return;
      }
      report.redriven.push(keys.orderId);
      logger.warn('stranded order: its saga had ended unsuccessfully, redrove it from the state that failed', details);
    }
  }
}
