import type { CancellationReason } from '../../orders/domain/order-status';
import type { PaymentStatus } from '../../payments/domain/payment';
import type { PaymentProvider, ProviderCall } from '../../payments/domain/payment-provider';
import { logger } from '../../shared/powertools';
import { timedProviderCall } from '../adapters/saga-metrics';
import { cancelPendingOrder, findOrder, recordPaymentStatus, type SagaOrder } from '../adapters/saga-order-store';
import { findSagaPayment, movePaymentStatus } from '../adapters/saga-payment-store';
import { findReservation, releaseStock } from '../adapters/stock-reservation-store';
import { cancellationReasonFor } from '../domain/cancellation-reason';
import { paymentCompensation, providerIdempotencyKey, type SagaPayment } from '../domain/payment-plan';
import type { CompensatedOutcome, CompensationInput } from '../domain/saga-messages';
import { PaymentDeclined, PaymentProviderUnavailable, SagaInvariantViolated } from '../domain/saga-errors';

const MAX_ROUNDS = 4;

/**
 * The one compensation of both state machines (a saga that failed, a customer's cancel): release the
 * order's stock, void or refund its payment, cancel it. Each part reads where it stands and does only
 * what is left, so the whole is safe to retry, to deliver twice and even to run twice at once:
 * - the stock: reserved → released with the increments, in one transaction (once, whoever races);
 * - the payment: refund if captured, void if the provider holds an authorization (provider keys per
 *   payment and operation, so two compensations refund once);
 * - the order last (pending → cancelled, conditionally, with the payment's final status), so whoever
 *   watches the order sees it cancelled once the compensation is done. If the provider keeps failing,
 *   the order is cancelled all the same before the error goes back to the state machine (which retries
 *   the step): an order never waits on the provider's outage to stop being pending.
 * Nothing can confirm the order meanwhile: its saga only compensates after its confirm failed or never
 * ran, and the cancellation machine only runs for orders already cancelled.
 */
export async function compensateOrder(input: CompensationInput, provider: PaymentProvider, clock = () => new Date()): Promise<CompensatedOutcome> {
  const reason = cancellationReasonFor(input.failure.Error);
  if (!reason) throw new SagaInvariantViolated(`no compensation is defined for ${input.failure.Error}`);
  const order = await findOrder(input.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${input.orderId} does not exist`);
  // Undoing a confirmed order would release stock and money of an order the customer still has.
  if (order.status !== 'pending' && order.status !== 'cancelled') {
    throw new SagaInvariantViolated(`order ${order.id} is ${order.status}: only a pending or cancelled order is compensated`);
  }
  const correlationId = input.correlationId ?? order.correlationId ?? order.id;
  logger.appendKeys({ correlationId });

  const stock = await releaseReservedStock(order.id, correlationId, clock());
  let paymentStatus: PaymentStatus;
  try {
    paymentStatus = await settlePayment(order.payment.id, correlationId, provider, clock);
  } catch (error) {
    await closeOrder(order, reason, clock());
    throw error;
  }
  const closed = await closeOrder(order, reason, clock(), paymentStatus);

  const outcome: CompensatedOutcome = { orderId: order.id, status: 'cancelled', cancellationReason: closed.cancellationReason ?? reason, stock, paymentStatus };
  logger.info('order compensated', { ...outcome, failure: input.failure.Error });
  return outcome;
}

/** The order cancelled with `reason` (unless it already was: its own reason stands), showing the payment's status when known. */
async function closeOrder(order: SagaOrder, reason: CancellationReason, now: Date, paymentStatus?: PaymentStatus): Promise<SagaOrder> {
  let current = order;
  if (current.status === 'pending') {
    const outcome = await cancelPendingOrder(current.id, reason, now, paymentStatus);
    if (outcome.changed) return { ...current, status: 'cancelled', cancellationReason: reason };
    if (!outcome.current) throw new SagaInvariantViolated(`order ${order.id} disappeared`);
    current = outcome.current;
  }
  if (current.status !== 'cancelled') throw new SagaInvariantViolated(`order ${order.id} is ${current.status}: only a cancelled order is compensated`);
  if (paymentStatus) await recordPaymentStatus(current.id, paymentStatus, now);
  return current;
}

async function releaseReservedStock(orderId: string, correlationId: string, now: Date): Promise<CompensatedOutcome['stock']> {
  const reservation = await findReservation(orderId);
  if (!reservation) return 'nothing-reserved';
  if (reservation.status === 'reserved') {
    const released = await releaseStock({ orderId, lines: reservation.items, correlationId, now });
    logger.info(released === 'released' ? 'stock released' : 'stock was already released', { lines: reservation.items });
  }
  return 'released';
}

/** Voids or refunds the payment as its status requires; answers its final status. */
async function settlePayment(paymentId: string, correlationId: string, provider: PaymentProvider, clock: () => Date): Promise<PaymentStatus> {
  let payment = await findSagaPayment(paymentId);
  if (!payment) throw new SagaInvariantViolated(`payment ${paymentId} does not exist`);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current: SagaPayment = payment;
    const plan = paymentCompensation(current);
    if (plan.kind === 'none') return current.status;
    if (plan.kind === 'refund') {
      await timedProviderCall('refund', () => provider.refund(providerCall(current, 'refund')));
    } else if (plan.provider === 'required') {
      await timedProviderCall('void', () => provider.void(providerCall(current, 'void')));
    } else if (plan.provider === 'best-effort') {
      await voidAsBestEffort(current, provider);
    }
    const to = plan.kind === 'refund' ? 'refunded' : 'voided';
    const moved = await movePaymentStatus(current.id, { from: current.status, to, correlationId, now: clock() });
    if (moved.written) {
      logger.info(`payment ${to}`, { paymentId: current.id, providerCalled: plan.kind === 'refund' || plan.provider !== 'not-needed' });
      return to;
    }
    // Someone moved it meanwhile (the webhook, the admin refund, a concurrent compensation): decide again.
    if (!moved.current) throw new SagaInvariantViolated(`payment ${paymentId} disappeared`);
    payment = moved.current;
  }
  throw new SagaInvariantViolated(`payment ${paymentId} kept changing while it was compensated`);
}

/**
 * Every authorize call failed, so no authorization was ever confirmed to us: one void attempt in case
 * one slipped through, and if the provider is still down the payment is voided here anyway (an
 * authorization the provider did make is never captured and lapses). Refusing to finish would leave
 * the order's compensation hostage to the very outage that caused it.
 */
async function voidAsBestEffort(payment: SagaPayment, provider: PaymentProvider): Promise<void> {
  try {
    await timedProviderCall('void', () => provider.void(providerCall(payment, 'void')));
  } catch (error) {
    if (!(error instanceof PaymentProviderUnavailable) && !(error instanceof PaymentDeclined)) throw error;
    logger.warn('void not confirmed by the provider; no authorization was ever confirmed, so the payment is voided locally', {
      paymentId: payment.id,
      error: error as Error,
    });
  }
}

function providerCall(payment: SagaPayment, operation: 'void' | 'refund'): ProviderCall {
  return {
    payment: { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token },
    idempotencyKey: providerIdempotencyKey(payment.id, operation),
  };
}
