import type { AuthorizationResult, PaymentProvider, ProviderCall } from '#payments/domain/payment-provider';
import { logger } from '#shared/powertools';
import { nextPaymentAction, providerIdempotencyKey, type SagaPayment } from '../domain/payment-plan';
import type { PaymentWriteOutcome, SagaPorts } from '../domain/ports';
import type { AwaitingPaymentOutcome, ConfirmedOutcome, SagaContext } from '../domain/saga-messages';
import { OrderCancelled, PaymentDeclined, PaymentPending, SagaInvariantViolated } from '../domain/saga-errors';
import { confirmOrder } from './confirm-order';

/**
 * Hands a payment the provider completes later (by webhook) over to the Standard machine that waits
 * for it, started by name = order id (so a second hand-over of the same order starts nothing).
 */
export type PaymentHandOver = (context: SagaContext & { handedOver: true }) => Promise<unknown>;

export type TakePaymentPorts = Pick<SagaPorts, 'orders' | 'payments'> & {
  /** Absent where nothing can be handed over: a pending payment is then PaymentPending, waited for in place. */
  handOver?: PaymentHandOver;
};

/** More rounds than any payment has states: a payment that keeps changing under us is a bug, not a retry. */
const MAX_ROUNDS = 8;

/**
 * Step 2, the last of the happy path: create the payment at the provider (its id kept on our record),
 * authorize, capture, and confirm the order. Each round reads what the payment item says and does the
 * next thing only, with a provider idempotency key per payment and operation and a conditional write,
 * so a retried or duplicated step (an Express saga runs at least once, sometimes twice at once) never
 * authorizes or captures twice: the provider answers a repeated key from its record of the first call.
 *
 * Our record is written twice on the way: the provider's id before anything is authorized (whoever
 * settles the payment later asks the provider about exactly that record), and `captured` once the
 * capture is in (straight from `pending`: the outbox publishes payment.authorized and payment.captured
 * from that one change). It never runs ahead of the provider: an authorization whose record was not
 * written yet is found again by the retry (same key) or by the compensation (it asks the provider).
 *
 * A cancel is looked for twice: before any provider call, and right before the capture (a strongly
 * consistent read of the order). A cancel that committed before that read is never charged: the
 * compensation voids the authorization. One that commits after it meets a capture already under way;
 * the confirm then fails and the compensation refunds.
 *
 * Ends with the order confirmed, or answers `awaiting-payment` when the provider completes the
 * authorization later and the wait was handed over; or throws: PaymentDeclined (business),
 * PaymentProviderUnavailable (transient, retried by the state machine), PaymentPending (waited for in
 * place), OrderCancelled (the customer was first).
 */
export async function takePayment(
  ports: TakePaymentPorts,
  context: SagaContext,
  provider: PaymentProvider,
  clock = () => new Date(),
): Promise<ConfirmedOutcome | AwaitingPaymentOutcome> {
  const order = await ports.orders.find(context.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${context.orderId} does not exist`);
  if (order.status === 'cancelled') throw new OrderCancelled(order.id);
  // A retried or duplicated step after the confirm: nothing is left to do.
  if (order.status !== 'pending') return { orderId: order.id, status: 'confirmed' };

  const step = new PaymentRound(ports, context, provider, clock);
  let payment = await step.read();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    switch (nextPaymentAction(payment)) {
      case 'captured':
        return confirmOrder(ports, context, clock());
      case 'declined':
        throw new PaymentDeclined(payment.declineReason ?? 'declined');
      case 'abandoned':
        throw new OrderCancelled(order.id);
      case 'await-provider':
        return step.awaitProvider(payment);
      case 'create':
        payment = await step.create(payment);
        break;
      case 'authorize':
        payment = await step.authorize(payment);
        break;
      case 'capture':
        payment = await step.capture(payment);
        break;
    }
  }
  throw new SagaInvariantViolated(`payment ${payment.id} kept changing while the saga took it`);
}

class PaymentRound {
  /** The status our record holds, which a conditional move starts from (an authorization is not written: see takePayment). */
  private recorded: SagaPayment['status'] = 'pending';

  constructor(
    private readonly ports: TakePaymentPorts,
    private readonly context: SagaContext,
    private readonly provider: PaymentProvider,
    private readonly clock: () => Date,
  ) {}

  async read(): Promise<SagaPayment> {
    const payment = await this.ports.payments.find(this.context.paymentId);
    if (!payment) throw new SagaInvariantViolated(`payment ${this.context.paymentId} does not exist`);
    return this.seen(payment);
  }

  /** The provider's record of the payment (no money moves), its id kept on ours before anything is authorized. */
  async create(payment: SagaPayment): Promise<SagaPayment> {
    const { providerPaymentId } = await this.provider.create(this.call(payment, 'create'));
    const recorded = await this.ports.payments.recordProviderPayment(payment.id, providerPaymentId, this.context.correlationId, this.clock());
    return recorded.written ? { ...payment, providerPaymentId } : this.current(recorded);
  }

  /**
   * Asks the provider to authorize. Authorized: answered as authorized (not written: the capture's
   * write records both); declined: recorded; pending: noted, the webhook completes it.
   */
  async authorize(payment: SagaPayment): Promise<SagaPayment> {
    let result: AuthorizationResult;
    try {
      result = await this.provider.authorize(this.call(payment, 'authorize'));
    } catch (error) {
      if (!(error instanceof PaymentDeclined)) throw error;
      logger.info('payment declined', { paymentId: payment.id, reason: error.reason });
      const declined = await this.move(payment, 'declined', error.reason);
      return declined.written ? this.seen({ ...payment, status: 'declined', declineReason: error.reason }) : this.current(declined);
    }
    if (result.status === 'pending') {
      const marked = await this.ports.payments.markAwaitingProvider(payment.id, this.context.correlationId, this.clock());
      // The webhook may have been quicker than this write: then the payment already says how it ended.
      if (!marked.written) return this.current(marked);
      logger.info('payment authorization pending: the provider completes it by webhook', { paymentId: payment.id });
      return { ...payment, awaitingProviderSince: this.clock().toISOString() };
    }
    return { ...payment, status: 'authorized' };
  }

  /** Authorized → captured, once the order is seen still pending. A declined capture leaves it uncaptured: the compensation voids it. */
  async capture(payment: SagaPayment): Promise<SagaPayment> {
    const order = await this.ports.orders.find(this.context.orderId);
    if (order?.status !== 'pending') {
      logger.info('order no longer pending after the authorization: not captured, the compensation voids it', { paymentId: payment.id, status: order?.status });
      throw new OrderCancelled(this.context.orderId);
    }
    await this.provider.capture(this.call(payment, 'capture'));
    const captured = await this.move(payment, 'captured');
    if (captured.written) logger.info('payment captured', { paymentId: payment.id, amount: payment.amount, currency: payment.currency });
    return captured.written ? this.seen({ ...payment, status: 'captured' }) : this.current(captured);
  }

  /**
   * The provider completes the authorization later: the wait is handed over to the Standard machine
   * that can wait (the order saga may be an Express workflow, which cannot), and this execution ends.
   * In that machine itself (or where nothing can be handed over) the payment is waited for in place.
   */
  async awaitProvider(payment: SagaPayment): Promise<AwaitingPaymentOutcome> {
    const { handOver } = this.ports;
    if (this.context.handedOver || !handOver) throw new PaymentPending(payment.id);
    await handOver({ ...this.context, handedOver: true });
    logger.info('waiting for the provider handed over to the payment authorization machine', { paymentId: payment.id });
    return { orderId: this.context.orderId, status: 'awaiting-payment', paymentId: payment.id };
  }

  private call(payment: SagaPayment, operation: 'create' | 'authorize' | 'capture'): ProviderCall {
    return {
      payment: { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token, providerPaymentId: payment.providerPaymentId },
      idempotencyKey: providerIdempotencyKey(payment.id, operation),
    };
  }

  private move(payment: SagaPayment, to: SagaPayment['status'], declineReason?: string): Promise<PaymentWriteOutcome> {
    return this.ports.payments.move(payment.id, { from: this.recorded, to, correlationId: this.context.correlationId, now: this.clock(), declineReason });
  }

  private seen(payment: SagaPayment): SagaPayment {
    this.recorded = payment.status;
    return payment;
  }

  private current(outcome: PaymentWriteOutcome): SagaPayment {
    if (outcome.written || !outcome.current) throw new SagaInvariantViolated(`payment ${this.context.paymentId} disappeared`);
    return this.seen(outcome.current);
  }
}
