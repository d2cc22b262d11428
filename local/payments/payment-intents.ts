import { apiError, ok, type ProviderAnswer } from './provider-answer';
import { ASYNC_TOKEN, DEFAULT_DECLINE_CODES, declineCodeOfUnknown } from './test-card-tokens';

export interface SimulatedIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  payment_method: string;
  capture_method: string;
  status: 'requires_confirmation' | 'requires_payment_method' | 'requires_capture' | 'processing' | 'succeeded' | 'canceled';
  metadata: Record<string, string>;
  created: number;
  amount_refunded: number;
}

export interface SimulatedRefund {
  id: string;
  object: 'refund';
  payment_intent: string;
  amount: number;
  status: 'succeeded';
}

/** What the provider must remember across a restart: its intents and refunds, and where its ids are. */
export interface PaymentIntentsRecord {
  sequence: number;
  intents: SimulatedIntent[];
  refunds: SimulatedRefund[];
  /** When each `tok_async` intent still processing completes (epoch ms), by intent id. */
  completesAt?: Record<string, number>;
}

/** How `tok_async` authorizations complete; without it they stay `processing`. */
export interface AsyncCompletion {
  /** After this long the intent reads `requires_capture`. */
  afterMs: number;
  /** Told once per `tok_async` intent, when it is created (the webhook goes out `afterMs` later). */
  announce: (intent: SimulatedIntent) => void;
}

/**
 * The provider's record of PaymentIntents and refunds, and the PaymentIntents API calls on it:
 *
 * - `POST /v1/payment_intents` (manual capture unless told otherwise): without `confirm=true` the
 *   intent waits `requires_confirmation` (nothing authorized); with it, it is confirmed at once.
 * - `POST /v1/payment_intents/{id}/confirm`: the card token decides (test-card-tokens.ts): a decline is
 *   a 402 card_error and leaves the intent `requires_payment_method`; `tok_async` → `processing`;
 *   otherwise `requires_capture`. `declineCard(token, code)` adds declines.
 * - `GET /v1/payment_intents/{id}` (`expand[]=latest_charge` answers the charge with `amount_refunded`
 *   and `refunded`), `GET /v1/payment_intents/search?query=metadata['payment_id']:'…'`
 * - `POST /v1/payment_intents/{id}/capture` | `/cancel`, `POST /v1/refunds` (`payment_intent`, full refunds).
 */
export class PaymentIntents {
  readonly intents = new Map<string, SimulatedIntent>();
  readonly refunds: SimulatedRefund[] = [];
  private readonly declines = new Map(Object.entries(DEFAULT_DECLINE_CODES));
  private readonly completesAt = new Map<string, number>();
  private sequence = 0;

  constructor(
    private readonly asyncCompletion?: AsyncCompletion,
    private readonly now: () => number = Date.now,
  ) {}

  declineCard(token: string, code: string): void {
    this.declines.set(token, code);
  }

  record(): PaymentIntentsRecord {
    return { sequence: this.sequence, intents: [...this.intents.values()], refunds: [...this.refunds], completesAt: Object.fromEntries(this.completesAt) };
  }

  restore(record: PaymentIntentsRecord): void {
    this.sequence = record.sequence;
    for (const [id, at] of Object.entries(record.completesAt ?? {})) this.completesAt.set(id, at);
    for (const intent of record.intents) this.intents.set(intent.id, intent);
    this.refunds.push(...record.refunds);
  }

  /** The intents tagged with our payment id, as they are now. */
  intentsFor(paymentId: string): SimulatedIntent[] {
    return [...this.intents.values()].filter((intent) => intent.metadata.payment_id === paymentId).map((intent) => this.current(intent));
  }

  answer(method: string, url: URL, body: Record<string, string>): ProviderAnswer {
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/payment_intents') return this.create(body);
    if (method === 'GET' && path === '/v1/payment_intents/search') return this.search(url.searchParams.get('query') ?? '');
    if (method === 'POST' && path === '/v1/refunds') return this.refund(body);
    const match = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel|confirm))?$/.exec(path);
    if (match) {
      const intent = this.intents.get(decodeURIComponent(match[1]!));
      if (!intent) return apiError(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${match[1]}'`);
      this.current(intent);
      if (method === 'GET' && !match[2]) return ok(this.view(intent, url.searchParams.getAll('expand[]').includes('latest_charge')));
      if (method === 'POST' && match[2] === 'confirm') return this.confirm(intent);
      if (method === 'POST' && match[2] === 'capture') return this.capture(intent);
      if (method === 'POST' && match[2] === 'cancel') return this.cancel(intent);
    }
    return apiError(404, 'invalid_request_error', undefined, `Unrecognized request URL (${method}: ${path}).`);
  }

  /** The intent of our payment id, as it is now (the newest, should there be several). */
  intentOf(paymentId: string): SimulatedIntent | undefined {
    return this.intentsFor(paymentId).sort((a, b) => b.created - a.created)[0];
  }

  /** The intent as the API shows it: its one charge once captured (an id, or the charge itself when expanded). */
  private view(intent: SimulatedIntent, expandCharge: boolean): unknown {
    if (intent.status !== 'succeeded') return { ...intent, latest_charge: null };
    const chargeId = `ch_${intent.id.slice('pi_'.length)}`;
    const charge = {
      id: chargeId,
      object: 'charge',
      amount: intent.amount,
      amount_refunded: intent.amount_refunded,
      refunded: intent.amount > 0 && intent.amount_refunded >= intent.amount,
    };
    return { ...intent, latest_charge: expandCharge ? charge : chargeId };
  }

  /** A `tok_async` intent becomes capturable once its completion time has come (read lazily: no timer to stop). */
  private current(intent: SimulatedIntent): SimulatedIntent {
    const at = this.completesAt.get(intent.id);
    if (at !== undefined && at <= this.now()) {
      this.completesAt.delete(intent.id);
      if (intent.status === 'processing') intent.status = 'requires_capture';
    }
    return intent;
  }

  private create(body: Record<string, string>): ProviderAnswer {
    const amount = Number(body.amount);
    for (const name of ['amount', 'currency', 'payment_method']) {
      if (!body[name]) return apiError(400, 'invalid_request_error', 'parameter_missing', `Missing required param: ${name}.`);
    }
    if (!Number.isInteger(amount) || amount < 0) return apiError(400, 'invalid_request_error', 'parameter_invalid_integer', 'Invalid integer: amount.');
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(body)) {
      const sub = /^metadata\[(.+)\]$/.exec(name);
      if (sub) metadata[sub[1]!] = value;
    }
    const intent: SimulatedIntent = {
      id: `pi_${String(++this.sequence).padStart(6, '0')}`,
      object: 'payment_intent',
      amount,
      currency: body.currency!,
      payment_method: body.payment_method!,
      capture_method: body.capture_method ?? 'automatic',
      status: 'requires_confirmation',
      metadata,
      created: this.sequence,
      amount_refunded: 0,
    };
    this.intents.set(intent.id, intent);
    return body.confirm === 'true' ? this.confirm(intent) : ok(intent);
  }

  private confirm(intent: SimulatedIntent): ProviderAnswer {
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method') return unexpectedState(intent, 'confirm');
    const token = intent.payment_method;
    const declineCode = this.declines.get(token) ?? declineCodeOfUnknown(token);
    if (declineCode) {
      intent.status = 'requires_payment_method';
      return {
        status: 402,
        body: { error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: 'Your card was declined.', payment_intent: intent } },
      };
    }
    intent.status = token === ASYNC_TOKEN ? 'processing' : 'requires_capture';
    if (intent.capture_method !== 'manual' && intent.status === 'requires_capture') intent.status = 'succeeded';
    if (intent.status === 'processing' && this.asyncCompletion) {
      this.completesAt.set(intent.id, this.now() + this.asyncCompletion.afterMs);
      this.asyncCompletion.announce(intent);
    }
    return ok(intent);
  }

  private search(query: string): ProviderAnswer {
    const match = /^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$/.exec(query.trim());
    if (!match) return apiError(400, 'invalid_request_error', 'parameter_invalid', `Unsupported search query: ${query}`);
    const [, field, escaped] = match;
    const value = escaped!.replace(/\\(.)/g, '$1');
    const data = [...this.intents.values()].filter((intent) => intent.metadata[field!] === value).map((intent) => this.current(intent));
    return ok({ object: 'search_result', data, has_more: false });
  }

  private capture(intent: SimulatedIntent): ProviderAnswer {
    if (intent.status !== 'requires_capture') return unexpectedState(intent, 'capture');
    intent.status = 'succeeded';
    return ok(intent);
  }

  private cancel(intent: SimulatedIntent): ProviderAnswer {
    if (intent.status === 'succeeded' || intent.status === 'canceled') return unexpectedState(intent, 'cancel');
    intent.status = 'canceled';
    this.completesAt.delete(intent.id);
    return ok(intent);
  }

  private refund(body: Record<string, string>): ProviderAnswer {
    const intent = body.payment_intent ? this.intents.get(body.payment_intent) : undefined;
    if (!intent) return apiError(400, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${body.payment_intent}'`);
    if (intent.amount_refunded >= intent.amount && intent.amount > 0) return alreadyRefunded();
    if (intent.status !== 'succeeded')
      return apiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', 'This PaymentIntent has no successful charge to refund.');
    if (this.refunds.some((refund) => refund.payment_intent === intent.id)) return alreadyRefunded();
    const refund: SimulatedRefund = {
      id: `re_${String(++this.sequence).padStart(6, '0')}`,
      object: 'refund',
      payment_intent: intent.id,
      amount: intent.amount,
      status: 'succeeded',
    };
    intent.amount_refunded = intent.amount;
    this.refunds.push(refund);
    return ok(refund);
  }
}

function alreadyRefunded(): ProviderAnswer {
  return apiError(400, 'invalid_request_error', 'charge_already_refunded', 'The charge has already been refunded.');
}

function unexpectedState(intent: SimulatedIntent, action: string): ProviderAnswer {
  return apiError(
    400,
    'invalid_request_error',
    'payment_intent_unexpected_state',
    `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`,
  );
}
