import { SAGA_ERROR } from '#contracts/saga-errors';
import { logger } from '#shared/powertools';
import { executionArnOf, repairOfSaga, type SagaExecutionState } from '../domain/failed-saga-repair';
import type { SagaMachines, SagaPorts } from '../domain/ports';
import type { CompensationInput, CustomerCancellation } from '../domain/saga-messages';
import { type ResumeOutcome, wakeSagaOfCancelledOrder } from './resume-waiting-saga';

/**
 * The contract between the cancel route and the saga (docs/saga.md, "Cancel").
 *
 * The cancelOrder route only makes the decision: the conditional write pending|confirmed →
 * cancelled (`customer_cancelled`). Of that write and the saga's confirm, exactly one wins. The
 * compensation then follows from the committed change, through the table's stream (so it happens
 * even if the cancel's caller dies right after the write):
 * - cancelled from `confirmed`: the saga is over, so the `orderCancellation` state machine runs the
 *   compensation (refund, release stock), started by name = order id (at most once per order);
 * - cancelled from `pending`: the saga is still running (or about to start) and compensates itself at
 *   its next step (every step reads the order). If it is parked waiting for an asynchronous payment
 *   (in the payment authorization machine), it is woken now (SendTaskFailure OrderCancelled) instead
 *   of at its timeout. If a Standard execution of it had already ended unsuccessfully, no next step
 *   would ever come (and the reconciler no longer sees a pending order): it is redriven, and the step
 *   that failed sees the cancel and compensates; one given up, or an Express saga that failed (it has
 *   no history to look at), is left to the settlement sweeper.
 *
 * Whatever happens to this follow-up (its stream record may even end in the on-failure destination),
 * the cancel's own write put the order in the settlement sweeper's queue, which finishes any
 * compensation that did not.
 *
 * `compensateCustomerCancellation` is also callable directly (e.g. from the cancel handler); running
 * it twice, or alongside the stream consumer, is harmless.
 */

export type CancellationFollowUp =
  | 'compensation-started'
  | 'compensation-already-started'
  | `saga-${ResumeOutcome}`
  | 'failed-saga-redriven'
  | 'failed-saga-given-up';

/** The state machines a cancel's follow-up starts or repairs. */
export interface CancellationMachines extends SagaMachines {
  cancellationArn: string;
}

type CancellationPorts = Pick<SagaPorts, 'executions' | 'payments' | 'taskCallbacks'>;

export async function compensateCustomerCancellation(
  ports: CancellationPorts,
  machines: CancellationMachines,
  cancellation: CustomerCancellation,
): Promise<CancellationFollowUp> {
  const { orderId, correlationId } = cancellation;
  if (cancellation.previousStatus === 'confirmed') {
    const input: CompensationInput = {
      orderId,
      ...(correlationId ? { correlationId } : {}),
      failure: { Error: SAGA_ERROR.orderCancelled, Cause: 'customer_cancelled' },
    };
    const outcome = await ports.executions.startOnce(machines.cancellationArn, orderId, input);
    logger.info('compensation of a cancelled confirmed order', { orderId, correlationId, outcome });
    return outcome === 'started' ? 'compensation-started' : 'compensation-already-started';
  }
  const woken = await wakeSagaOfCancelledOrder(ports, cancellation.paymentId);
  if (woken !== 'resumed') {
    const repair = await redriveIfFailed(ports, machines, orderId, correlationId);
    if (repair) return repair;
  }
  logger.info('cancelled while pending: the running saga compensates', { orderId, correlationId, waitingSaga: woken });
  return `saga-${woken}`;
}

/**
 * The order's saga, if a Standard execution of it ended unsuccessfully: redriven (within the
 * reconciler's bound), so it compensates. Where it handed the order over, that is the payment
 * authorization machine's execution; an Express saga has no execution to look at.
 */
async function redriveIfFailed(
  { executions }: CancellationPorts,
  machines: SagaMachines,
  orderId: string,
  correlationId?: string,
): Promise<CancellationFollowUp | undefined> {
  const candidates = [machines.paymentAuthorizationArn, ...(machines.sagaType === 'STANDARD' ? [machines.sagaArn] : [])];
  let executionArn = '';
  let execution: SagaExecutionState | undefined;
  for (const machineArn of candidates) {
    executionArn = executionArnOf(machineArn, orderId);
    execution = await executions.describe(executionArn);
    if (execution) break;
  }
  // Not started yet (it will start, and its first step sees the cancel), or an Express saga.
  if (!execution) return undefined;
  const details = { orderId, correlationId, executionArn, status: execution.status, redriveCount: execution.redriveCount };
  switch (repairOfSaga(execution)) {
    case 'redrive':
      await executions.redrive(executionArn, execution.redriveCount);
      logger.warn('cancelled while pending, but its saga had ended unsuccessfully: redrove it to compensate', details);
      return 'failed-saga-redriven';
    case 'give-up':
      // The cancel put the order in the settlement queue: the sweeper compensates it (stock, payment).
      logger.warn('cancelled while pending, but its saga failed and is not redriven again: the settlement sweeper compensates it', details);
      return 'failed-saga-given-up';
    default:
      return undefined;
  }
}
