import { PAYMENT_PROVIDER_API_KEY } from '#contracts/environment';
import { secretValue } from '#shared/aws/secret-value';
import { PaymentDeclined, PaymentProviderRejected, PaymentProviderUnavailable } from '../domain/payment-errors';
import type { AuthorizationResult, PaymentProvider, ProviderCall, ProviderOperation, ProviderPayment, ProviderPaymentState } from '../domain/payment-provider';

export { PaymentProviderRejected } from '../domain/payment-errors';

/**
 * The payment provider over HTTP (PAYMENT_PROVIDER=http): a PaymentIntents-style API shaped like
 * Stripe's, called with the global `fetch`.
 *
 * | port call   | request                                                                          |
 * |-------------|----------------------------------------------------------------------------------|
 * | `create`    | `POST /v1/payment_intents` amount, currency, payment_method, `capture_method=manual`, `metadata[payment_id]` (not confirmed: nothing is authorized) |
 * | `authorize` | `POST /v1/payment_intents/{intent}/confirm`                                       |
 * | `capture`   | `POST /v1/payment_intents/{intent}/capture`                                       |
 * | `void`      | `POST /v1/payment_intents/{intent}/cancel`                                        |
 * | `refund`    | `POST /v1/refunds` `payment_intent={intent}`                                      |
 * | `inspect`   | `GET /v1/payment_intents/{intent}?expand[]=latest_charge`                         |
 *
 * Wire format: requests are `application/x-www-form-urlencoded` with bracketed nested keys
 * (`metadata[payment_id]=…`), as Stripe's API takes them; answers are JSON. Every request carries
 * `Authorization: Bearer <PAYMENT_PROVIDER_API_KEY>` (from `secretValue`) and, for POSTs,
 * `Idempotency-Key: <call.idempotencyKey>`: the provider answers a repeated key with the first answer
 * and acts at most once, so a retried saga step (same key) never authorizes, captures or refunds twice.
 *
 * The intent: `create` answers the provider's intent id and the caller keeps it on the payment record
 * (`providerPaymentId`) before it authorizes; every later call names it. A create whose answer was
 * lost is repeated with the same key and answers the same intent. Nothing is ever looked up by search
 * (Stripe documents its Search API as eventually consistent, not for read-after-write): a payment
 * without a stored intent id was never authorized, so there is nothing to void.
 *
 * Failures:
 * - `PaymentDeclined(reason)`: a `card_error` (the `decline_code`, else the `code`), any status.
 * - `PaymentProviderUnavailable` (transient, retried): network errors, timeouts (`timeoutMs`, default
 *   5 s, via `AbortSignal.timeout`), 429, 409 (same key still in flight), 5xx, unreadable answers.
 * - `PaymentProviderRejected` (the request itself was refused): any other 4xx, e.g. a bad request,
 *   a bad API key, an intent in a state that does not allow the operation.
 *
 * Repeats with a new key are harmless too: capturing an intent already `succeeded` answers
 * `captured`, cancelling one already `canceled` answers `voided`, refunding one already refunded
 * (`charge_already_refunded`) answers `refunded`.
 */

export interface HttpPaymentProviderOptions {
  /** The API's origin, e.g. `https://api.stripe.com` (no trailing `/v1`). */
  baseUrl: string;
  /** The secret API key; by default `secretValue('PAYMENT_PROVIDER_API_KEY')`. */
  apiKey?: () => Promise<string>;
  /** Per request, the whole answer included (default 5000). */
  timeoutMs?: number;
}

export const DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS = 5000;

/** The parts of a PaymentIntent this adapter reads. */
interface PaymentIntent {
  id: string;
  status: string;
  amount?: number;
  /** An id, or the Charge itself when expanded. */
  latest_charge?: string | { amount_refunded?: number; refunded?: boolean } | null;
}

interface ProviderErrorBody {
  error?: { type?: string; code?: string; decline_code?: string; message?: string };
}

type Params = Record<string, string | number | Record<string, string>>;

export class HttpPaymentProvider implements PaymentProvider {
  private readonly baseUrl: string;
  private readonly apiKey: () => Promise<string>;
  private readonly timeoutMs: number;

  constructor(options: HttpPaymentProviderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? (() => secretValue(PAYMENT_PROVIDER_API_KEY));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS;
  }

  async create({ payment, idempotencyKey }: ProviderCall): Promise<{ providerPaymentId: string }> {
    const intent = await this.request<PaymentIntent>('create', 'POST', '/v1/payment_intents', idempotencyKey, {
      amount: payment.amount,
      currency: payment.currency.toLowerCase(),
      payment_method: payment.token,
      capture_method: 'manual',
      metadata: { payment_id: payment.id },
    });
    if (!intent.id) throw new PaymentProviderUnavailable('The payment provider answered create without an intent id.');
    return { providerPaymentId: intent.id };
  }

  async authorize({ payment, idempotencyKey }: ProviderCall): Promise<AuthorizationResult> {
    const { body: intent, replayed } = await this.send<PaymentIntent>('authorize', 'POST', `${intentPath(payment, 'authorize')}/confirm`, idempotencyKey, {});
    switch (intent.status) {
      case 'requires_capture':
      case 'succeeded':
        return { status: 'authorized', replayed };
      case 'processing':
      case 'requires_action':
        return { status: 'pending', replayed };
      case 'requires_payment_method':
      case 'canceled':
        throw new PaymentDeclined(intent.status === 'canceled' ? 'canceled' : 'card_declined');
      default:
        throw new PaymentProviderRejected(200, undefined, `authorize left payment intent ${intent.id} in unexpected status ${intent.status}`);
    }
  }

  async capture({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'captured' }> {
    await this.unlessAlready('capture', payment, 'succeeded', () =>
      this.request<PaymentIntent>('capture', 'POST', `${intentPath(payment, 'capture')}/capture`, idempotencyKey, {}),
    );
    return { status: 'captured' };
  }

  async void({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'voided' }> {
    // Never created at the provider: nothing was ever authorized, nothing to cancel.
    if (!payment.providerPaymentId) return { status: 'voided' };
    await this.unlessAlready('void', payment, 'canceled', () =>
      this.request<PaymentIntent>('void', 'POST', `${intentPath(payment, 'void')}/cancel`, idempotencyKey, {}),
    );
    return { status: 'voided' };
  }

  async refund({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'refunded' }> {
    try {
      await this.request<{ id: string; status: string }>('refund', 'POST', '/v1/refunds', idempotencyKey, { payment_intent: intentIdOf(payment, 'refund') });
    } catch (error) {
      // Refunded already (under another key: the admin route and a compensation raced): the outcome asked for.
      if (!(error instanceof PaymentProviderRejected && error.code === 'charge_already_refunded')) throw error;
    }
    return { status: 'refunded' };
  }

  async inspect(payment: ProviderPayment): Promise<ProviderPaymentState> {
    if (!payment.providerPaymentId) return { status: 'not-created' };
    const intent = await this.request<PaymentIntent>(
      'inspect',
      'GET',
      `${intentPath(payment, 'inspect')}?${new URLSearchParams({ 'expand[]': 'latest_charge' })}`,
    );
    return { status: providerStatusOf(intent) };
  }

  /**
   * Runs an operation that fails with `payment_intent_unexpected_state` when the intent has already
   * moved: if it moved to where the operation leads (`done`), that is the operation's outcome (a
   * repeat under another key); otherwise the refusal stands.
   */
  private async unlessAlready(operation: ProviderOperation, payment: ProviderPayment, done: string, act: () => Promise<unknown>): Promise<void> {
    try {
      await act();
    } catch (error) {
      if (!(error instanceof PaymentProviderRejected && error.code === 'payment_intent_unexpected_state')) throw error;
      const intent = await this.request<PaymentIntent>(operation, 'GET', intentPath(payment, operation));
      if (intent.status !== done) throw error;
    }
  }

  private async request<T>(operation: ProviderOperation, method: 'GET' | 'POST', path: string, idempotencyKey?: string, params?: Params): Promise<T> {
    return (await this.send<T>(operation, method, path, idempotencyKey, params)).body;
  }

  /** The answer's body, and whether the provider replayed it from an earlier call with the same key (Stripe's `Idempotent-Replayed` header). */
  private async send<T>(
    operation: ProviderOperation,
    method: 'GET' | 'POST',
    path: string,
    idempotencyKey?: string,
    params?: Params,
  ): Promise<{ body: T; replayed: boolean }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.apiKey()}`, Accept: 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let body: string | undefined;
    if (params) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = formEncode(params);
    }
    let status: number;
    let text: string;
    let replayed: boolean;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      status = response.status;
      replayed = response.headers.get('idempotent-replayed') === 'true';
      text = await response.text();
    } catch (error) {
      // Not `instanceof Error`: the abort's DOMException may come from another realm.
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const cause = timedOut ? `timed out after ${this.timeoutMs} ms` : `failed: ${describeFailure(error)}`;
      throw new PaymentProviderUnavailable(`The payment provider ${operation} request ${cause}.`);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      if (status >= 200 && status < 300) throw new PaymentProviderUnavailable(`The payment provider answered ${operation} with unreadable JSON.`);
      parsed = {};
    }
    if (status >= 200 && status < 300) return { body: parsed as T, replayed };
    throw toError(operation, status, parsed as ProviderErrorBody);
  }
}

/** The payment's intent id; an operation on a payment never created is a bug of the caller, not the provider's. */
function intentIdOf(payment: ProviderPayment, operation: ProviderOperation): string {
  if (!payment.providerPaymentId) throw new Error(`${operation} of payment ${payment.id} needs its provider intent id, and none is stored: create it first`);
  return payment.providerPaymentId;
}

const intentPath = (payment: ProviderPayment, operation: ProviderOperation): string =>
  `/v1/payment_intents/${encodeURIComponent(intentIdOf(payment, operation))}`;

/** A PaymentIntent's status in the port's terms (a manual-capture intent with one charge at most). */
export function providerStatusOf(intent: PaymentIntent): ProviderPaymentState['status'] {
  switch (intent.status) {
    case 'requires_confirmation':
      return 'created';
    case 'requires_action':
    case 'processing':
      return 'pending';
    case 'requires_capture':
      return 'authorized';
    case 'canceled':
      return 'voided';
    // Created with its payment method, so it asks for another only after a confirm was declined.
    case 'requires_payment_method':
      return 'declined';
    case 'succeeded': {
      const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : undefined;
      const refunded = charge?.refunded === true || (intent.amount !== undefined && (charge?.amount_refunded ?? 0) >= intent.amount && intent.amount > 0);
      return refunded ? 'refunded' : 'captured';
    }
    default:
      throw new PaymentProviderRejected(200, undefined, `payment intent ${intent.id} is in a status this adapter does not know: ${intent.status}`);
  }
}

function toError(operation: ProviderOperation, status: number, body: ProviderErrorBody): Error {
  const { type, code, decline_code: declineCode, message } = body.error ?? {};
  const detail = `${operation}: HTTP ${status}${type ? ` ${type}` : ''}${code ? `/${code}` : ''}${message ? ` (${message})` : ''}`;
  if (type === 'card_error') return new PaymentDeclined(declineCode ?? code ?? 'card_declined');
  if (status === 429 || status === 409 || status >= 500) return new PaymentProviderUnavailable(`The payment provider is unavailable, ${detail}.`);
  return new PaymentProviderRejected(status, code, `The payment provider rejected ${detail}.`);
}

/** Stripe-style form encoding: nested objects as `key[sub]=value`. */
function formEncode(params: Params): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'object') for (const [sub, subValue] of Object.entries(value)) form.append(`${key}[${sub}]`, subValue);
    else form.append(key, String(value));
  }
  return form.toString();
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
