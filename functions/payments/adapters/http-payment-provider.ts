import { secretValue } from '../../shared/aws/secret-value';
import { PaymentDeclined, PaymentProviderUnavailable } from '../domain/payment-errors';
import type { AuthorizationResult, PaymentProvider, ProviderCall, ProviderOperation } from '../domain/payment-provider';

/**
 * The payment provider over HTTP (PAYMENT_PROVIDER=http): a PaymentIntents-style API shaped like
 * Stripe's, called with the global `fetch`.
 *
 * | port call   | request                                                                          |
 * |-------------|----------------------------------------------------------------------------------|
 * | `authorize` | `POST /v1/payment_intents` amount, currency, payment_method, `capture_method=manual`, `confirm=true`, `metadata[payment_id]` |
 * | `capture`   | `POST /v1/payment_intents/{intent}/capture`                                       |
 * | `void`      | `POST /v1/payment_intents/{intent}/cancel`                                        |
 * | `refund`    | `POST /v1/refunds` `payment_intent={intent}`                                      |
 *
 * Wire format: requests are `application/x-www-form-urlencoded` with bracketed nested keys
 * (`metadata[payment_id]=…`), as Stripe's API takes them; answers are JSON. Every request carries
 * `Authorization: Bearer <PAYMENT_PROVIDER_API_KEY>` (from `secretValue`) and, for POSTs,
 * `Idempotency-Key: <call.idempotencyKey>`: the provider answers a repeated key with the first answer
 * and acts at most once, so a retried saga step (same key) never authorizes, captures or refunds twice.
 *
 * Finding the intent again: the port hands capture/void/refund only our payment (its id), not the
 * provider's intent id, and the provider picks intent ids itself, so no deterministic id scheme exists.
 * Authorize tags the intent with `metadata[payment_id]`; the later calls find it with the Search API
 * (`GET /v1/payment_intents/search?query=metadata['payment_id']:'<id>'`). Intent ids seen in this
 * sandbox are remembered, so a warm instance skips the lookup. Stripe's search index can lag writes
 * (typically < 1 min): "no intent found" is therefore transient for capture and refund (they only
 * run after a successful authorize, so the intent exists and will show up on a retry), while for void
 * it means authorize never reached the provider and there is nothing to void (an authorization the
 * index had not yet shown would expire by itself after the provider's authorization window).
 *
 * Failures:
 * - `PaymentDeclined(reason)`: a `card_error` (the `decline_code`, else the `code`), any status.
 * - `PaymentProviderUnavailable` (transient, retried): network errors, timeouts (`timeoutMs`, default
 *   5 s, via `AbortSignal.timeout`), 429, 409 (same key still in flight), 5xx, unreadable answers.
 * - `PaymentProviderRejected` (not retried: it would answer the same): any other 4xx, e.g. a bad
 *   request, a bad API key, an intent in the wrong state.
 *
 * Repeats with a new key are made harmless too: capturing an intent already `succeeded` answers
 * `captured`, voiding one already `canceled` answers `voided`; a second full refund is declined
 * `already_refunded`, as the simulator does.
 */

/** The provider refused the request for a reason other than the card: retrying would not help. */
export class PaymentProviderRejected extends Error {
  override readonly name = 'PaymentProviderRejected';
  constructor(
    readonly status: number,
    /** The provider's error code, e.g. `parameter_missing`, `payment_intent_unexpected_state`. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

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
  metadata?: Record<string, string>;
  created?: number;
}

interface ProviderErrorBody {
  error?: { type?: string; code?: string; decline_code?: string; message?: string };
}

type Params = Record<string, string | number | Record<string, string>>;

export class HttpPaymentProvider implements PaymentProvider {
  private readonly baseUrl: string;
  private readonly apiKey: () => Promise<string>;
  private readonly timeoutMs: number;
  private readonly intentIdByPayment = new Map<string, string>();

  constructor(options: HttpPaymentProviderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? (() => secretValue('PAYMENT_PROVIDER_API_KEY'));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS;
  }

  async authorize({ payment, idempotencyKey }: ProviderCall): Promise<AuthorizationResult> {
    const intent = await this.request<PaymentIntent>('authorize', 'POST', '/v1/payment_intents', idempotencyKey, {
      amount: payment.amount,
      currency: payment.currency.toLowerCase(),
      payment_method: payment.token,
      capture_method: 'manual',
      confirm: 'true',
      metadata: { payment_id: payment.id },
    });
    this.intentIdByPayment.set(payment.id, intent.id);
    switch (intent.status) {
      case 'requires_capture':
      case 'succeeded':
        return { status: 'authorized' };
      case 'processing':
      case 'requires_action':
        return { status: 'pending' };
      case 'requires_payment_method':
      case 'canceled':
        throw new PaymentDeclined(intent.status === 'canceled' ? 'canceled' : 'card_declined');
      default:
        throw new PaymentProviderRejected(200, undefined, `authorize left payment intent ${intent.id} in unexpected status ${intent.status}`);
    }
  }

  async capture({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'captured' }> {
    const intent = await this.findIntent('capture', payment.id);
    if (!intent) throw new PaymentProviderUnavailable(`No payment intent found for payment ${payment.id} yet (capture).`);
    if (intent.status !== 'succeeded') {
      await this.request<PaymentIntent>('capture', 'POST', `/v1/payment_intents/${encodeURIComponent(intent.id)}/capture`, idempotencyKey, {});
    }
    return { status: 'captured' };
  }

  async void({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'voided' }> {
    const intent = await this.findIntent('void', payment.id);
    if (intent && intent.status !== 'canceled') {
      await this.request<PaymentIntent>('void', 'POST', `/v1/payment_intents/${encodeURIComponent(intent.id)}/cancel`, idempotencyKey, {});
    }
    return { status: 'voided' };
  }

  async refund({ payment, idempotencyKey }: ProviderCall): Promise<{ status: 'refunded' }> {
    const intent = await this.findIntent('refund', payment.id);
    if (!intent) throw new PaymentProviderUnavailable(`No payment intent found for payment ${payment.id} yet (refund).`);
    try {
      await this.request<{ id: string; status: string }>('refund', 'POST', '/v1/refunds', idempotencyKey, { payment_intent: intent.id });
    } catch (error) {
      if (error instanceof PaymentProviderRejected && error.code === 'charge_already_refunded') throw new PaymentDeclined('already_refunded');
      throw error;
    }
    return { status: 'refunded' };
  }

  /** The intent authorize created for the payment: remembered, else by search (fresh status either way). */
  private async findIntent(operation: ProviderOperation, paymentId: string): Promise<PaymentIntent | undefined> {
    const known = this.intentIdByPayment.get(paymentId);
    if (known) return this.request<PaymentIntent>(operation, 'GET', `/v1/payment_intents/${encodeURIComponent(known)}`);
    const query = `metadata['payment_id']:'${paymentId.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const list = await this.request<{ data?: PaymentIntent[] }>(operation, 'GET', `/v1/payment_intents/search?${new URLSearchParams({ query })}`);
    const intents = (list.data ?? []).filter((intent) => intent.metadata?.payment_id === paymentId);
    // One intent per payment normally; should several exist, prefer a live one, newest first.
    const live = intents.filter((intent) => intent.status !== 'canceled' && intent.status !== 'requires_payment_method');
    const chosen = [...(live.length ? live : intents)].sort((a, b) => (b.created ?? 0) - (a.created ?? 0))[0];
    if (chosen) this.intentIdByPayment.set(paymentId, chosen.id);
    return chosen;
  }

  private async request<T>(operation: ProviderOperation, method: 'GET' | 'POST', path: string, idempotencyKey?: string, params?: Params): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.apiKey()}`, Accept: 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let body: string | undefined;
    if (params) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = formEncode(params);
    }
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      status = response.status;
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
    if (status >= 200 && status < 300) return parsed as T;
    throw toError(operation, status, parsed as ProviderErrorBody);
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
