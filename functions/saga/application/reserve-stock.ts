import { logger } from '../../shared/powertools';
import { findOrder, type SagaOrder } from '../adapters/saga-order-store';
import { paymentTimeoutSeconds } from '../adapters/saga-settings';
import { findReservation, reserveStock } from '../adapters/stock-reservation-store';
import type { SagaContext, SagaInput } from '../domain/saga-messages';
import { OrderCancelled, OutOfStock, SagaInvariantViolated } from '../domain/saga-errors';
import { reservationLines } from '../domain/stock-reservation';

/** The correlation id of the request that placed the order: from the saga input, else from the order. */
export const correlationIdOf = (order: SagaOrder, given?: string): string => given ?? order.correlationId ?? order.id;

/**
 * Step 1: reserves every line of the order at once and hands on the saga's context. Idempotent: an
 * existing reservation is the proof the stock was taken, so a retried or duplicated step answers the
 * same context without taking it again; a released one means the order was compensated already.
 */
export async function reserveStockForOrder(input: SagaInput, now = new Date()): Promise<SagaContext> {
  const order = await findOrder(input.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${input.orderId} does not exist`);
  const correlationId = correlationIdOf(order, input.correlationId);
  logger.appendKeys({ correlationId });
  const context: SagaContext = {
    orderId: order.id,
    correlationId,
    paymentId: order.payment.id,
    paymentTimeoutSeconds: input.paymentTimeoutSeconds ?? paymentTimeoutSeconds(),
  };

  const existing = await findReservation(order.id);
  if (existing) return contextIfStillReserved(existing.status, context);
  if (order.status === 'cancelled') throw new OrderCancelled(order.id);
  if (order.status !== 'pending') throw new SagaInvariantViolated(`order ${order.id} is ${order.status} but holds no reservation`);

  const lines = reservationLines(order.items);
  const outcome = await reserveStock({ orderId: order.id, lines, correlationId, now });
  switch (outcome.kind) {
    case 'reserved':
      logger.info('stock reserved', { lines });
      return context;
    case 'already-reserved': {
      // A duplicate of this step committed between our read and our write.
      const reservation = await findReservation(order.id);
      return contextIfStillReserved(reservation?.status ?? 'released', context);
    }
    case 'order-not-pending':
      throw new OrderCancelled(order.id);
    case 'out-of-stock':
      throw new OutOfStock(outcome.skus);
  }
}

function contextIfStillReserved(status: 'reserved' | 'released', context: SagaContext): SagaContext {
  if (status === 'released') throw new OrderCancelled(context.orderId);
  logger.info('stock already reserved for this order: nothing taken twice');
  return context;
}
