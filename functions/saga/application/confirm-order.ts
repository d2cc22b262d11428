import { logger } from '#shared/powertools';
import type { SagaOrderStore } from '../domain/ports';
import type { ConfirmedOutcome, SagaContext } from '../domain/saga-messages';
import { OrderCancelled, SagaInvariantViolated } from '../domain/saga-errors';

/**
 * Step 3: pending → confirmed, conditionally. If a customer's cancel committed first, the cancel wins:
 * OrderCancelled sends the saga to compensation (refund, release). A confirmed order is the answer of
 * a retried or duplicated step.
 */
export async function confirmOrder({ orders }: { orders: SagaOrderStore }, context: SagaContext, now = new Date()): Promise<ConfirmedOutcome> {
  const outcome = await orders.confirmPending(context.orderId, now);
  if (outcome.changed) {
    logger.info('order confirmed');
    return { orderId: context.orderId, status: 'confirmed' };
  }
  const current = outcome.current;
  if (!current) throw new SagaInvariantViolated(`order ${context.orderId} does not exist`);
  if (current.status === 'cancelled') throw new OrderCancelled(context.orderId);
  logger.info('order already confirmed: nothing changed', { status: current.status });
  return { orderId: context.orderId, status: 'confirmed' };
}
