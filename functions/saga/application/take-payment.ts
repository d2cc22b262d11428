import type { AuthorizationResult, PaymentProvider, ProviderCall } from '#payments/domain/payment-provider';
import { logger } from '#shared/powertools';
import { nextPaymentAction, providerIdempotencyKey, type SagaPayment } from '../domain/payment-plan';
import type { PaymentWriteOutcome, SagaPorts } from '../domain/ports';
import type { SagaContext } from '../domain/saga-messages';

type TakePaymentPorts = Pick<SagaPorts, 'orders' | 'payments'>;
import { OrderCancelled, PaymentDeclined, PaymentPending, SagaInvariantViolated } from '../domain/saga-errors';

/** More rounds than any payment has states: a payment that keeps changing under us is a bug, not a retry. */
const MAX_ROUNDS = 8;

/**
 * Step 2: create the payment at the provider (its id kept on our record), authorize, then capture.
 * Each round reads what the payment item says and does the next thing only, with a provider
 * idempotency key per payment and operation and a conditional write, so a retried or duplicated step
 * never authorizes or captures twice (the provider answers a repeated key from its record of the
 * first call). Ends captured, or throws: PaymentDeclined (business), PaymentProviderUnavailable
 * (transient, retried by the state machine), PaymentPending (the provider completes it by webhook),
 * OrderCancelled (the customer was first).
 *
 * A cancel is looked for twice: before any provider call, and in the same transaction that clears the
 * capture (after the authorization). A cancel that commits before that transaction is never charged:
 * the authorization is voided. One that commits after it meets a capture already under way; the
 * confirm then fails and the compensation refunds.
 */
export async function takePayment(
  ports: TakePaymentPorts,
  context: SagaContext,
  provider: PaymentProvider,
  clock = () => new Date(),
): Promise<{ paymentId: string; paymentStatus: 'captured' }> {
  const order = await ports.orders.find(context.orderId);
  if (!order) throw new SagaInvariantViolated(`order ${context.orderId} does not exist`);
  if (order.status === 'cancelled') throw new OrderCancelled(order.id);

  const step = new PaymentRound(ports, context, provider, clock);
  let payment = await step.read();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    switch (nextPaymentAction(payment)) {
      case 'captured':
        return { paymentId: payment.id, paymentStatus: 'captured' };
      case 'declined':
        throw new PaymentDeclined(payment.declineReason ?? 'declined');
      case 'abandoned':
        throw new OrderCancelled(order.id);
      case 'await-provider':
        throw new PaymentPending(payment.id);
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
  constructor(
    private readonly ports: TakePaymentPorts,
    private readonly context: SagaContext,
    private readonly provider: PaymentProvider,
    private readonly clock: () => Date,
  ) {}

  async read(): Promise<SagaPayment> {
    const payment = await this.ports.payments.find(this.context.paymentId);
    if (!payment) throw new SagaInvariantViolated(`payment ${this.context.paymentId} does not exist`);
    return payment;
  }

  /** The provider's record of the payment (no money moves), its id kept on ours before anything is authorized. */
  async create(payment: SagaPayment): Promise<SagaPayment> {
    const { providerPaymentId } = await this.provider.create(this.call(payment, 'create'));
    const recorded = await this.ports.payments.recordProviderPayment(payment.id, providerPaymentId, this.context.correlationId, this.clock());
    return recorded.written ? { ...payment, providerPaymentId } : this.current(recorded);
  }

  /** pending → authorized (or declined, or awaiting the provider). Answers the payment as it now is. */
  async authorize(payment: SagaPayment): Promise<SagaPayment> {
    let result: AuthorizationResult;
    try {
      result = await this.provider.authorize(this.call(payment, 'authorize'));
    } catch (error) {
      if (!(error instanceof PaymentDeclined)) throw error;
      logger.info('payment declined', { paymentId: payment.id, reason: error.reason });
      const declined = await this.move(payment, 'declined', error.reason);
      return declined.written ? { ...payment, status: 'declined', declineReason: error.reason } : this.current(declined);
    }
    if (result.status === 'pending') {
      const marked = await this.ports.payments.markAwaitingProvider(payment.id, this.context.correlationId, this.clock());
      // The webhook may have been quicker than this write: then the payment already says how it ended.
      if (!marked.written) return this.current(marked);
      logger.info('payment authorization pending: the provider completes it by webhook', { paymentId: payment.id });
      throw new PaymentPending(payment.id);
    }
    const authorized = await this.move(payment, 'authorized');
    return authorized.written ? { ...payment, status: 'authorized' } : this.current(authorized);
  }

  /** authorized → captured, once the order is seen still pending. A declined capture leaves it authorized: the compensation voids it. */
  async capture(payment: SagaPayment): Promise<SagaPayment> {
    const clearance = await this.ports.payments.clearCapture(payment, this.context.correlationId, this.clock());
    if (clearance.kind === 'order-not-pending') {
      logger.info('order cancelled after the authorization: not captured, the compensation voids it', { paymentId: payment.id });
      throw new OrderCancelled(this.context.orderId);
    }
    if (clearance.kind === 'payment-moved') {
      if (!clearance.current) throw new SagaInvariantViolated(`payment ${payment.id} disappeared`);
      return clearance.current;
    }
    await this.provider.capture(this.call(payment, 'capture'));
    const captured = await this.move(payment, 'captured');
    if (captured.written) logger.info('payment captured', { paymentId: payment.id, amount: payment.amount, currency: payment.currency });
    return captured.written ? { ...payment, status: 'captured' } : this.current(captured);
  }

  private call(payment: SagaPayment, operation: 'create' | 'authorize' | 'capture'): ProviderCall {
    return {
      payment: { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token, providerPaymentId: payment.providerPaymentId },
      idempotencyKey: providerIdempotencyKey(payment.id, operation),
    };
  }

  private move(payment: SagaPayment, to: SagaPayment['status'], declineReason?: string): Promise<PaymentWriteOutcome> {
    return this.ports.payments.move(payment.id, { from: payment.status, to, correlationId: this.context.correlationId, now: this.clock(), declineReason });
  }

  private current(outcome: PaymentWriteOutcome): SagaPayment {
    if (outcome.written || !outcome.current) throw new SagaInvariantViolated(`payment ${this.context.paymentId} disappeared`);
    return outcome.current;
  }
}
