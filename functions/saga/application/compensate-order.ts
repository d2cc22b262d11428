import type { CancellationReason } from '#orders/domain/order-status';
import type { PaymentStatus } from '#payments/domain/payment';
import type { PaymentProvider, ProviderPayment, ProviderPaymentStatus } from '#payments/domain/payment-provider';
import { logger } from '#shared/powertools';
import { cancellationReasonFor } from '../domain/cancellation-reason';
import { isSettledPayment, providerIdempotencyKey, settlementStep, type SagaPayment } from '../domain/payment-plan';
import type { SagaOrder, SagaPorts, Settlement, SettlementOutcome } from '../domain/ports';
import { type CompensatedOutcome, type CompensationInput, orderCorrelationId } from '../domain/saga-messages';

type CompensationPorts = Pick<SagaPorts, 'orders' | 'payments' | 'reservations'>;
import { PaymentSettlementInconsistent, SagaInvariantViolated, StockReleaseBlocked, StoreBusy } from '../domain/saga-errors';

/** More rounds than a payment has states to catch up on: one that keeps changing under us is contention, retried. */
const MAX_ROUNDS = 6;

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The one compensation of both state machines (a saga that failed, a customer's cancel) and of the
 * settlement sweeper: release the order's stock, settle its payment, cancel it. Each part reads where
 * it stands and does only what is left, so the whole is safe to retry, to deliver twice and even to
 * run twice at once:
 * - the stock: reserved → released with the increments, in one transaction (once, whoever races); with
 *   nothing reserved, a released reservation is left behind so that none can follow;
 * - the payment: the provider is asked where it stands, and what it holds is refunded (captured) or
 *   voided (anything uncaptured), or only recorded when it is already settled there (provider keys per
 *   payment and operation, so two compensations refund once). Never a blind void: an answer the saga
 *   lost (a capture that went through) is found and refunded.
 * - the order last (pending → cancelled, conditionally, with the payment's final status), so whoever
 *   watches the order sees it cancelled once the compensation is done.
 * Stock and payment are attempted independently: one failing never keeps the other from being done.
 * Whatever fails, the order is cancelled before the error goes back to the state machine, and stays in
 * the settlement sweeper's queue until both are done: an order never waits on an outage to stop being
 * pending, and an unfinished compensation is never forgotten (the sweeper finds it even when the
 * state machine gives up).
 * Nothing can confirm the order meanwhile: its saga only compensates after its confirm failed or never
 * ran, and the cancellation machine and the sweeper only run for orders already cancelled.
 */
export async function compensateOrder(
  ports: CompensationPorts,
  input: CompensationInput,
  provider: PaymentProvider,
  clock = () => new Date(),
): Promise<CompensatedOutcome> {
  const reason = cancellationReasonFor(input.failure.Error);
  if (!reason) throw new SagaInvariantViolated(`no compensation is defined for ${input.failure.Error}`);
  const order = await ports.orders.find(input.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${input.orderId} does not exist`);
  // Undoing a confirmed order would release stock and money of an order the customer still has.
  if (order.status !== 'pending' && order.status !== 'cancelled') {
    throw new SagaInvariantViolated(`order ${order.id} is ${order.status}: only a pending or cancelled order is compensated`);
  }
  const correlationId = orderCorrelationId(order, input.correlationId);
  logger.appendKeys({ correlationId });

  const stock = await attempt(() => releaseReservedStock(ports, order.id, correlationId, clock()));
  const payment = await attempt(() => settlePayment(ports, order.payment.id, correlationId, provider, clock));
  const settlement: Settlement = stock.ok && payment.ok ? 'settled' : 'due';
  const closed = await closeOrder(ports, order, reason, clock(), { paymentStatus: payment.ok ? payment.value : undefined, settlement });
  // The payment's error first: a provider outage sends the state machine to wait and settle again.
  if (!payment.ok) throw payment.error;
  if (!stock.ok) throw stock.error;

  const outcome: CompensatedOutcome = {
    orderId: order.id,
    status: 'cancelled',
    cancellationReason: closed.cancellationReason ?? reason,
    stock: stock.value,
    paymentStatus: payment.value,
  };
  logger.info('order compensated', { ...outcome, failure: input.failure.Error });
  return outcome;
}

/** The order cancelled with `reason` (unless it already was: its own reason stands), with the payment's status when known and where its settlement stands. */
async function closeOrder(
  { orders }: CompensationPorts,
  order: SagaOrder,
  reason: CancellationReason,
  now: Date,
  outcome: SettlementOutcome,
): Promise<SagaOrder> {
  let current = order;
  if (current.status === 'pending') {
    const changed = await orders.cancelPending(current.id, reason, now, outcome);
    if (changed.changed) return { ...current, status: 'cancelled', cancellationReason: reason };
    if (!changed.current) throw new SagaInvariantViolated(`order ${order.id} disappeared`);
    current = changed.current;
  }
  if (current.status !== 'cancelled') throw new SagaInvariantViolated(`order ${order.id} is ${current.status}: only a cancelled order is compensated`);
  await orders.recordSettlement(current.id, now, outcome);
  return current;
}

async function releaseReservedStock(
  { reservations }: CompensationPorts,
  orderId: string,
  correlationId: string,
  now: Date,
): Promise<CompensatedOutcome['stock']> {
  let reservation = await reservations.find(orderId);
  if (!reservation) {
    // Closed for good, so that a reservation still on its way (another run of this saga) cannot take stock now.
    if ((await reservations.closeUnreserved({ orderId, correlationId, now })) === 'closed') return 'nothing-reserved';
    reservation = await reservations.find(orderId);
    if (!reservation) throw new SagaInvariantViolated(`the reservation of order ${orderId} disappeared`);
  }
  // Closed by an earlier compensation: nothing was ever reserved.
  if (reservation.status === 'released' && reservation.items.length === 0) return 'nothing-reserved';
  if (reservation.status === 'reserved') {
    const released = await reservations.release({ orderId, lines: reservation.items, correlationId, now });
    if (released.kind === 'blocked') {
      logger.error('stock release refused by the products: the payment is settled regardless, the settlement sweeper tries again', {
        skus: released.skus,
        lines: reservation.items,
      });
      throw new StockReleaseBlocked(orderId, released.skus);
    }
    logger.info(released.kind === 'released' ? 'stock released' : 'stock was already released', { lines: reservation.items });
  }
  return 'released';
}

/**
 * Settles the payment from what the provider says it holds (domain/payment-plan.ts, settlementStep);
 * answers its final status. A payment already final here needs no provider call.
 */
async function settlePayment(
  { payments }: CompensationPorts,
  paymentId: string,
  correlationId: string,
  provider: PaymentProvider,
  clock: () => Date,
): Promise<PaymentStatus> {
  let payment = await payments.find(paymentId);
  if (!payment) throw new SagaInvariantViolated(`payment ${paymentId} does not exist`);
  if (isSettledPayment(payment.status)) return payment.status;
  const asked: SagaPayment = payment;
  // Without the provider's id the payment was never created there (the id is stored before any authorization): nothing to ask.
  let atProvider: ProviderPaymentStatus = asked.providerPaymentId ? (await provider.inspect(providerPaymentOf(asked))).status : 'not-created';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current: SagaPayment = payment;
    const step = settlementStep(current.status, atProvider);
    switch (step.kind) {
      case 'settled':
        return current.status;
      case 'inconsistent':
        throw new PaymentSettlementInconsistent(`payment ${paymentId}: ${step.reason}`);
      case 'refund':
        await provider.refund(providerCall(current, 'refund'));
        atProvider = 'refunded';
        continue;
      case 'void':
        await provider.void(providerCall(current, 'void'));
        atProvider = 'voided';
        continue;
      case 'record':
      case 'record-voided': {
        const to = step.kind === 'record' ? step.to : 'voided';
        if (step.kind === 'record')
          logger.warn('the provider is further than our record (an answer was lost): recording what it did', {
            paymentId,
            ours: current.status,
            to,
            atProvider,
          });
        const moved = await payments.move(current.id, { from: current.status, to, correlationId, now: clock() });
        if (moved.written) {
          payment = { ...current, status: to };
          if (settlementStep(to, atProvider).kind === 'settled') logger.info(`payment ${to}`, { paymentId, atProvider });
          continue;
        }
        // Someone moved it meanwhile (the webhook, the admin refund, a concurrent compensation): decide again.
        if (!moved.current) throw new SagaInvariantViolated(`payment ${paymentId} disappeared`);
        payment = moved.current;
      }
    }
  }
  throw new StoreBusy(`payment ${paymentId} kept changing while it was settled`);
}

function providerPaymentOf(payment: SagaPayment): ProviderPayment {
  return { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token, providerPaymentId: payment.providerPaymentId };
}

function providerCall(payment: SagaPayment, operation: 'void' | 'refund') {
  return { payment: providerPaymentOf(payment), idempotencyKey: providerIdempotencyKey(payment.id, operation) };
}
