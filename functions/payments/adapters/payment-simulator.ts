import { ulid } from 'ulid';
import type { ProviderWebhookEvent } from '#contracts/payment-provider/webhook-delivery';
import { PaymentDeclined, PaymentProviderRejected, PaymentProviderUnavailable } from '../domain/payment-errors';
import type {
  AuthorizationResult,
  PaymentProvider,
  ProviderCall,
  ProviderOperation,
  ProviderPayment,
  ProviderPaymentState,
  ProviderPaymentStatus,
} from '../domain/payment-provider';

/**
 * The payment provider inside the function (PAYMENT_PROVIDER=simulator, the default): for deployed
 * stages without a real provider and for in-process tests. (The local runtime instead runs one
 * provider for all sandboxes, local/payments/, reached through the HTTP adapter.) Its behaviour
 * follows the card token:
 *
 * | token                    | behaviour                                                       |
 * |--------------------------|-----------------------------------------------------------------|
 * | `tok_visa`               | every call succeeds                                             |
 * | `tok_declined`           | declined (`card_declined`); a void still succeeds               |
 * | `tok_insufficient_funds` | declined (`insufficient_funds`); a void still succeeds          |
 * | `tok_flaky`              | the first 2 calls for the payment fail transiently, then succeed |
 * | `tok_unavailable`        | every call fails transiently (so the payment is never even created) |
 * | `tok_async`              | authorize answers `pending`; `payment.authorized` comes by webhook |
 * | anything else            | declined (`invalid_token`)                                      |
 *
 * `failureRate` (fault tests) makes that share of calls, whatever the token, fail transiently first.
 *
 * Idempotent per key like a real provider: a key's answer (success or decline) is kept and given
 * again without acting twice; a transient failure is not kept, so the retry really tries again.
 * `create` answers `sim_<payment id>`. Like a real provider it refuses to void a payment it captured,
 * and a refund of a payment it refunded already answers `refunded`.
 *
 * State lives in the instance, one per sandbox: a known limit where several sandboxes serve a stage
 * (a retry in another sandbox counts tok_flaky's failures afresh; replays, the "already refunded"
 * answer and `inspect` see only that sandbox's calls: a payment it never saw inspects as `created`,
 * and compensation then goes by our own record, which never runs ahead of the provider).
 */

export interface PaymentSimulatorOptions {
  /** Delivers a `tok_async` authorization's completion (the local runtime signs and posts it). */
  sendWebhook?: (event: ProviderWebhookEvent) => void;
  /** Share of calls (0..1) that fail with a transient error before the token is looked at. Default 0. */
  failureRate?: number;
  /** For reproducible fault runs. Default Math.random. */
  random?: () => number;
}

/** One call as the simulator saw it: what tests assert on (e.g. "one refund reached the provider"). */
export interface SimulatedCall {
  operation: ProviderOperation;
  paymentId: string;
  idempotencyKey: string;
  outcome: 'succeeded' | 'declined' | 'unavailable' | 'replayed';
}

type Effect = Exclude<ProviderOperation, 'inspect'>;
type Answer = { ok: true; result: unknown } | { ok: false; error: PaymentDeclined | PaymentProviderRejected };

interface KeptAnswer {
  operation: Effect;
  paymentId: string;
  answer: Answer;
}

const TRANSIENT_FAILURES_OF_FLAKY = 2;
const DECLINE_REASONS: Record<string, string> = { tok_declined: 'card_declined', tok_insufficient_funds: 'insufficient_funds' };

export class PaymentSimulator implements PaymentProvider {
  private readonly answersByKey = new Map<string, KeptAnswer>();
  private readonly attemptsByPayment = new Map<string, number>();
  private readonly statusByPayment = new Map<string, ProviderPaymentStatus>();
  private readonly log: SimulatedCall[] = [];

  constructor(private readonly options: PaymentSimulatorOptions = {}) {}

  create(call: ProviderCall): Promise<{ providerPaymentId: string }> {
    return this.perform('create', call) as Promise<{ providerPaymentId: string }>;
  }

  authorize(call: ProviderCall): Promise<AuthorizationResult> {
    return this.perform('authorize', call) as Promise<AuthorizationResult>;
  }

  capture(call: ProviderCall): Promise<{ status: 'captured' }> {
    return this.perform('capture', call) as Promise<{ status: 'captured' }>;
  }

  void(call: ProviderCall): Promise<{ status: 'voided' }> {
    return this.perform('void', call) as Promise<{ status: 'voided' }>;
  }

  refund(call: ProviderCall): Promise<{ status: 'refunded' }> {
    return this.perform('refund', call) as Promise<{ status: 'refunded' }>;
  }

  async inspect(payment: ProviderPayment): Promise<ProviderPaymentState> {
    if (!payment.providerPaymentId) return { status: 'not-created' };
    this.failAtRandom();
    this.failByToken(payment.id, payment.token);
    return { status: this.statusByPayment.get(payment.id) ?? 'created' };
  }

  /** Every call so far, oldest first. */
  calls(filter: { operation?: ProviderOperation; paymentId?: string } = {}): SimulatedCall[] {
    return this.log.filter((call) => (!filter.operation || call.operation === filter.operation) && (!filter.paymentId || call.paymentId === filter.paymentId));
  }

  /** How many times an operation took effect (replays excluded). */
  effects(operation: ProviderOperation, paymentId?: string): number {
    return this.calls({ operation, paymentId }).filter((call) => call.outcome === 'succeeded').length;
  }

  /** Where the payment stands as this simulator saw it (`undefined`: never created here). */
  statusOf(paymentId: string): ProviderPaymentStatus | undefined {
    return this.statusByPayment.get(paymentId);
  }

  private async perform(operation: Effect, call: ProviderCall): Promise<unknown> {
    const { payment, idempotencyKey } = call;
    const kept = this.answersByKey.get(idempotencyKey);
    if (kept) {
      if (kept.operation !== operation || kept.paymentId !== payment.id) {
        // A programming error (a key reused for another effect), not a provider answer.
        throw new Error(`idempotency key ${idempotencyKey} was first used to ${kept.operation} payment ${kept.paymentId}`);
      }
      this.log.push({ operation, paymentId: payment.id, idempotencyKey, outcome: 'replayed' });
      return settle(kept.answer);
    }
    let answer: Answer;
    try {
      this.failAtRandom();
      answer = { ok: true, result: this.act(operation, payment.id, payment.token) };
    } catch (error) {
      if (!(error instanceof PaymentDeclined) && !(error instanceof PaymentProviderRejected)) {
        this.log.push({ operation, paymentId: payment.id, idempotencyKey, outcome: 'unavailable' });
        throw error;
      }
      answer = { ok: false, error };
    }
    this.answersByKey.set(idempotencyKey, { operation, paymentId: payment.id, answer });
    this.log.push({ operation, paymentId: payment.id, idempotencyKey, outcome: answer.ok ? 'succeeded' : 'declined' });
    if (operation === 'authorize' && answer.ok && payment.token === 'tok_async') this.completeLater(payment.id);
    return settle(answer);
  }

  private failAtRandom(): void {
    const { failureRate = 0, random = Math.random } = this.options;
    if (failureRate > 0 && random() < failureRate) throw new PaymentProviderUnavailable('The payment provider failed (simulated fault injection).');
  }

  private failByToken(paymentId: string, token: string): void {
    if (token === 'tok_unavailable') throw new PaymentProviderUnavailable('The payment provider is unavailable (simulated outage).');
    if (token === 'tok_flaky') {
      const attempts = (this.attemptsByPayment.get(paymentId) ?? 0) + 1;
      this.attemptsByPayment.set(paymentId, attempts);
      if (attempts <= TRANSIENT_FAILURES_OF_FLAKY) throw new PaymentProviderUnavailable(`The payment provider timed out (simulated, attempt ${attempts}).`);
    }
  }

  /** Decides a call by the token; throws PaymentDeclined, PaymentProviderRejected or PaymentProviderUnavailable. */
  private act(operation: Effect, paymentId: string, token: string): unknown {
    this.failByToken(paymentId, token);
    const status = this.statusByPayment.get(paymentId);
    const become = (next: ProviderPaymentStatus, result: unknown) => {
      this.statusByPayment.set(paymentId, next);
      return result;
    };
    switch (operation) {
      case 'create':
        if (!status) this.statusByPayment.set(paymentId, 'created');
        return { providerPaymentId: `sim_${paymentId}` };
      case 'void':
        if (status === 'captured' || status === 'refunded')
          throw new PaymentProviderRejected(400, 'payment_intent_unexpected_state', `payment ${paymentId} is ${status}: it cannot be voided`);
        return become('voided', { status: 'voided' });
      case 'refund':
        // A second full refund under another key: the outcome asked for is already there.
        if (status === 'refunded') return { status: 'refunded' };
        return become('refunded', { status: 'refunded' });
    }
    const declineReason = DECLINE_REASONS[token] ?? (KNOWN_TOKENS.has(token) ? undefined : 'invalid_token');
    if (declineReason) {
      if (operation === 'authorize') this.statusByPayment.set(paymentId, 'declined');
      throw new PaymentDeclined(declineReason);
    }
    if (operation === 'authorize') return token === 'tok_async' ? become('pending', { status: 'pending' }) : become('authorized', { status: 'authorized' });
    return become('captured', { status: 'captured' });
  }

  private completeLater(paymentId: string): void {
    this.options.sendWebhook?.({ id: `evt_${ulid()}`, type: 'payment.authorized', data: { paymentId } });
  }
}

const KNOWN_TOKENS = new Set(['tok_visa', 'tok_declined', 'tok_insufficient_funds', 'tok_flaky', 'tok_unavailable', 'tok_async']);

function settle(answer: Answer): Promise<unknown> {
  return answer.ok ? Promise.resolve(answer.result) : Promise.reject(answer.error);
}
