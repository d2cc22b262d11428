import { logger } from '#shared/powertools';
import type { SagaPorts } from '../domain/ports';
import { orderCorrelationId, type SagaContext, type SagaInput } from '../domain/saga-messages';
import { OrderCancelled, OutOfStock, SagaInvariantViolated } from '../domain/saga-errors';
import { reservationLines } from '../domain/stock-reservation';

/**
 * Step 1: reserves every line of the order at once and hands on the saga's context. Idempotent: an
 * existing reservation is the proof the stock was taken, so a retried or duplicated step answers the
 * same context without taking it again; a released one means the order was compensated already.
 */
export async function reserveStockForOrder(
  { orders, reservations }: Pick<SagaPorts, 'orders' | 'reservations'>,
  input: SagaInput,
  settings: { paymentTimeoutSeconds: number },
  now = new Date(),
): Promise<SagaContext> {
  const order = await orders.find(input.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${input.orderId} does not exist`);
  const correlationId = orderCorrelationId(order, input.correlationId);
  logger.appendKeys({ correlationId });
  const context: SagaContext = {
    orderId: order.id,
    correlationId,
    paymentId: order.payment.id,
    paymentTimeoutSeconds: input.paymentTimeoutSeconds ?? settings.paymentTimeoutSeconds,
  };

  const existing = await reservations.find(order.id);
  if (existing) return contextIfStillReserved(existing.status, context);
  if (order.status === 'cancelled') throw new OrderCancelled(order.id);
  if (order.status !== 'pending') throw new SagaInvariantViolated(`order ${order.id} is ${order.status} but holds no reservation`);

  const lines = reservationLines(order.items);
  const outcome = await reservations.reserve({ orderId: order.id, lines, correlationId, now });
  switch (outcome.kind) {
    case 'reserved':
      logger.info('stock reserved', { lines });
      return context;
    case 'already-reserved': {
      // A duplicate of this step committed between our read and our write, or a compensation closed it.
      const reservation = await reservations.find(order.id);
      return contextIfStillReserved(reservation?.status ?? 'released', context);
    }
    case 'out-of-stock':
      throw new OutOfStock(outcome.skus);
  }
}

function contextIfStillReserved(status: 'reserved' | 'released', context: SagaContext): SagaContext {
  if (status === 'released') throw new OrderCancelled(context.orderId);
  logger.info('stock already reserved for this order: nothing taken twice');
  return context;
}
