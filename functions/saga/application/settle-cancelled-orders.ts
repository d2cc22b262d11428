import { SAGA_ERROR } from '#contracts/saga-errors';
import type { PaymentProvider } from '#payments/domain/payment-provider';
import { logger } from '#shared/powertools';
import type { SagaPorts } from '../domain/ports';
import { compensateOrder } from './compensate-order';

export interface SettlementSweepSettings {
  /** A cancelled order is the sweeper's once nobody has tried to settle it for this long (its own compensation normally finishes within seconds). */
  dueAfterSeconds: number;
  /** Orders examined per run at most; the rest wait for the next run (the oldest attempts come first). */
  maxOrders: number;
  /** Time left in this run, in ms; the sweeper stops starting orders when it falls below `reserveMs`. */
  timeLeftMs: () => number;
  /** What one order may take at worst (its provider calls and writes). */
  reserveMs: number;
  now: Date;
}

export interface SettlementSweepReport {
  examined: number;
  /** Orders whose payment and stock are now settled. */
  settled: string[];
  /** Orders still not settled after this run's attempt: they stay in the queue and are tried again next run. */
  unsettled: { orderId: string; error: string }[];
}

/**
 * The settlement sweeper: every cancelled order whose payment is not settled or whose stock is not
 * released (gsi3 `ORDER_SETTLEMENT_DUE`, written with every cancel and removed only by a compensation
 * that finished) is compensated again, with the same idempotent compensation as the state machines,
 * once nobody has tried for `dueAfterSeconds`. It catches whatever the state machines could not
 * finish: a Compensate state that ran out of retries, a cancellation machine that failed or never
 * started, a stream record of a cancel that went to the on-failure queue. Orders one at a time, oldest
 * attempt first: a failed attempt puts the order at the back of the queue, so a few that cannot be
 * repaired never hide the others.
 */
export async function settleCancelledOrders(
  ports: Pick<SagaPorts, 'orders' | 'payments' | 'reservations' | 'awaitingRepair'>,
  settings: SettlementSweepSettings,
  provider: PaymentProvider,
): Promise<SettlementSweepReport> {
  const before = new Date(settings.now.getTime() - settings.dueAfterSeconds * 1000);
  const due = await ports.awaitingRepair.settlementDue(before, settings.maxOrders);
  const report: SettlementSweepReport = { examined: 0, settled: [], unsettled: [] };
  for (const order of due) {
    if (settings.timeLeftMs() < settings.reserveMs) break;
    report.examined += 1;
    try {
      await compensateOrder(
        ports,
        { orderId: order.orderId, correlationId: order.correlationId, failure: { Error: SAGA_ERROR.orderCancelled, Cause: 'settlement sweeper' } },
        provider,
      );
      report.settled.push(order.orderId);
      logger.warn('cancelled order settled by the sweeper: its compensation had not finished', {
        orderId: order.orderId,
        correlationId: order.correlationId,
        due: order.since,
      });
    } catch (error) {
      report.unsettled.push({ orderId: order.orderId, error: (error as Error).name });
      logger.error('cancelled order still not settled (the sweeper tries again next run)', {
        orderId: order.orderId,
        correlationId: order.correlationId,
        due: order.since,
        error: error as Error,
      });
    }
  }
  return report;
}
