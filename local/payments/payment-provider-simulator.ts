import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ProviderWebhookEvent, webhookSender } from '#contracts/payment-provider/webhook-delivery';
import { IdempotencyKeys } from './idempotency-keys';
import { PaymentIntents, type AsyncCompletion, type SimulatedIntent, type SimulatedRefund } from './payment-intents';
import { apiError, unavailable, type ProviderAnswer } from './provider-answer';
import { readProviderState, writeProviderState } from './provider-state-file';
import { CardOutages } from './test-card-tokens';

/**
 * A PaymentIntents-style provider (Stripe-shaped) on 127.0.0.1, for the HTTP adapter
 * (functions/payments/adapters/http-payment-provider.ts): the local runtime runs one, so every
 * function sandbox talks to the same provider state; the adapter's tests run their own. Takes
 * form-encoded bodies, answers JSON. The API and the card tokens: payment-intents.ts, test-card-tokens.ts.
 *
 * A request goes through, in order:
 * 0. a fault armed for its operation (`injectFault`, also `POST /_local/payment-provider/faults`):
 *    `error` answers 500 and `timeout` never answers, both without acting; `lost-response` acts
 *    (all the steps below) and then never answers, so the caller's timeout fires;
 * 1. injected faults, answered before anything is looked at, so never kept under a key:
 *    `failNext` (tests) and `failureRate` (a 503 whose message says `fault injection`);
 * 2. the bearer API key (401);
 * 3. `tok_flaky` / `tok_unavailable` outages of an authorization (a confirm; 503, nothing kept, as a
 *    real transient failure: the retry with the same key really tries again);
 * 4. the `Idempotency-Key` of a POST (idempotency-keys.ts): a replay answers `Idempotent-Replayed: true`;
 * 5. injected delays (`delayNext`), after the key is taken and before the effect;
 * 6. the call itself.
 *
 * `tok_async` authorizations complete `webhook.delayMs` after they were made: the intent then reads
 * `requires_capture`, and the provider sends `payment.authorized` for our payment id to the webhook
 * URL, signed with the webhook secret (contracts/payment-provider/webhook-delivery.ts, as the in-function simulator does).
 */

export interface PaymentProviderSimulatorOptions {
  /** The only bearer key accepted (401 otherwise). */
  apiKey: string;
  /** Where `tok_async` completions are sent, and when; without it they never complete. */
  webhook?: { url: string; secret: () => Promise<string>; delayMs?: number };
  /** Share of requests (0..1) answered with a transient 503 before anything is looked at (fault tests). */
  failureRate?: number;
  /** For reproducible fault runs. Default Math.random. */
  random?: () => number;
  /** Keep every request in `requests` (tests); a long-running runtime leaves it off. */
  recordRequests?: boolean;
  /**
   * Intents, refunds, idempotency keys and the webhooks still owed are read from this file at start
   * and written to it (atomically) as they change, so that payments in a persisted table can still be
   * captured, voided and refunded after a restart, even after `kill -9`, and a pending `tok_async`
   * authorization still completes and sends its webhook when it was due.
   */
  stateFile?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
  /** What the provider answered (0 if the client went away before the answer). */
  status: number;
  replayed: boolean;
}

/** How long after a `tok_async` authorization the provider completes it (PAYMENT_SIMULATOR_WEBHOOK_DELAY_MS's default). */
export const DEFAULT_WEBHOOK_DELAY_MS = 1000;
/** How long after it was due a webhook is still sent again after a restart (its retries take about this long). */
const WEBHOOK_KEPT_AFTER_DUE_MS = 60_000;

interface Answered {
  answer: ProviderAnswer;
  replayed: boolean;
}

/** The provider calls a fault can be armed for, by what they do to the money. */
export const FAULT_OPERATIONS = ['authorize', 'capture', 'void', 'refund'] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];
export const FAULT_KINDS = ['lost-response', 'timeout', 'error'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ArmedFault {
  operation: FaultOperation;
  fault: FaultKind;
  /** Calls of the operation it still hits. */
  remaining: number;
}

/** The provider's own view of one of our payments (its newest intent for our payment id). */
export interface ProviderPaymentView {
  intentId: string;
  status: SimulatedIntent['status'];
  amount: number;
  amountRefunded: number;
}

export class PaymentProviderSimulator {
  readonly requests: RecordedRequest[] = [];
  private readonly stopping = new AbortController();
  private readonly book: PaymentIntents;
  private readonly keys = new IdempotencyKeys();
  private readonly outages = new CardOutages();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Webhooks scheduled, by event id, kept until well after they were due (the state file lists them). */
  private readonly owedWebhooks = new Map<string, { event: ProviderWebhookEvent; dueMs: number }>();
  /** The webhooks an earlier run owed, until `sendOwedWebhooks()`. */
  private keptWebhooks: { event: ProviderWebhookEvent; dueMs: number }[] = [];
  private failures = { count: 0, status: 503 };
  private delays = { count: 0, ms: 0 };
  private readonly armed = new Map<FaultOperation, ArmedFault>();
  private server?: Server;

  constructor(private readonly options: PaymentProviderSimulatorOptions) {
    this.book = new PaymentIntents(options.webhook ? this.webhookCompletion(options.webhook) : undefined);
  }

  /** Starts listening; resolves with the base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    const kept = this.options.stateFile ? readProviderState(this.options.stateFile) : undefined;
    if (kept) {
      this.book.restore(kept);
      this.keys.restore(kept.idempotencyKeys ?? {});
      this.keptWebhooks = kept.webhooks ?? [];
    }
    const server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the payment provider simulator is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Stops listening, drops what is still to come (delayed answers, webhooks not yet sent), writes the state file. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.save();
  }

  /** Writes the state file (with one): after every change, so a killed runtime loses nothing it answered. */
  private save(): void {
    if (!this.options.stateFile) return;
    const forgetBefore = Date.now() - WEBHOOK_KEPT_AFTER_DUE_MS;
    for (const [id, owed] of this.owedWebhooks) if (owed.dueMs < forgetBefore) this.owedWebhooks.delete(id);
    writeProviderState(this.options.stateFile, { ...this.book.record(), idempotencyKeys: this.keys.record(), webhooks: [...this.owedWebhooks.values()] });
  }

  /**
   * Sends the webhooks the state file says an earlier run owed (call it once what receives them runs):
   * each when it was due, at once if that has passed. One that was delivered already arrives again
   * with the same event id, which the webhook route answers as a replay and ignores, as it must for a
   * real provider's redeliveries.
   */
  sendOwedWebhooks(): void {
    const webhook = this.options.webhook;
    const owed = this.keptWebhooks.splice(0);
    if (!webhook) return;
    for (const { event, dueMs } of owed) {
      if (dueMs < Date.now() - WEBHOOK_KEPT_AFTER_DUE_MS) continue;
      this.owedWebhooks.set(event.id, { event, dueMs });
      const delayMs = Math.max(1, dueMs - Date.now());
      webhookSender({ url: webhook.url, secret: webhook.secret, delayMs, signal: this.stopping.signal })(event);
    }
  }

  get intents(): ReadonlyMap<string, SimulatedIntent> {
    return this.book.intents;
  }

  get refunds(): readonly SimulatedRefund[] {
    return this.book.refunds;
  }

  /** The next `count` requests fail with `status` (default 503) before doing anything. */
  failNext(count: number, status = 503): void {
    this.failures = { count, status };
  }

  /** The next `count` requests are processed only after `ms` (the effect still happens, late). */
  delayNext(count: number, ms: number): void {
    this.delays = { count, ms };
  }

  /**
   * The next `times` calls of `operation` meet `fault` (replacing what was armed for it):
   * `lost-response` (the provider acts, the answer never arrives), `timeout` (it neither acts nor
   * answers), `error` (a 500 without acting). `authorize` is a confirm (or a create with
   * `confirm=true`), `void` a cancel; creating an intent and reading one are never faulted.
   */
  injectFault(operation: FaultOperation, fault: FaultKind, times: number): void {
    this.armed.set(operation, { operation, fault, remaining: times });
  }

  /** Disarms every fault (requests already held without an answer stay held until their caller gives up). */
  clearFaults(): void {
    this.armed.clear();
  }

  /** The faults still armed, with the calls each still hits. */
  armedFaults(): ArmedFault[] {
    return [...this.armed.values()].filter((armed) => armed.remaining > 0).map((armed) => ({ ...armed }));
  }

  /** The provider's view of our payment: its newest intent; undefined if it has none. */
  paymentView(paymentId: string): ProviderPaymentView | undefined {
    const intent = this.book.intentOf(paymentId);
    return intent && { intentId: intent.id, status: intent.status, amount: intent.amount, amountRefunded: intent.amount_refunded };
  }

  /** Authorizing with `token` answers a card_error with `code`. */
  declineCard(token: string, code = 'card_declined'): void {
    this.book.declineCard(token, code);
  }

  /** The intents tagged with our payment id. */
  intentsFor(paymentId: string): SimulatedIntent[] {
    return this.book.intentsFor(paymentId);
  }

  /** Recorded requests (replays included), by method and path prefix. */
  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(pathPrefix));
  }

  private webhookCompletion(webhook: NonNullable<PaymentProviderSimulatorOptions['webhook']>): AsyncCompletion {
    const delayMs = webhook.delayMs ?? DEFAULT_WEBHOOK_DELAY_MS;
    const send = webhookSender({ url: webhook.url, secret: webhook.secret, delayMs, signal: this.stopping.signal });
    return {
      afterMs: delayMs,
      announce: (intent) => {
        const paymentId = intent.metadata.payment_id;
        // Event ids are unique across runs: the webhook ledger may outlive this provider (a persisted table).
        if (!paymentId) return;
        const event: ProviderWebhookEvent = { id: `evt_${randomUUID().replaceAll('-', '')}`, type: 'payment.authorized', data: { paymentId } };
        // Tracked only to be written to the state file, which prunes them.
        if (this.options.stateFile) this.owedWebhooks.set(event.id, { event, dueMs: Date.now() + delayMs });
        send(event);
      },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://provider');
    const method = req.method ?? 'GET';
    const body = Object.fromEntries(new URLSearchParams(raw));
    const record: RecordedRequest = { method, path: url.pathname + url.search, headers: req.headers, body, status: 0, replayed: false };
    if (this.options.recordRequests) this.requests.push(record);

    const fault = this.armedFaultFor(method, url, body);
    if (fault === 'error') {
      record.status = 500;
      if (!res.destroyed)
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(apiError(500, 'api_error', undefined, 'Injected error: nothing was done.').body));
      return;
    }
    // Held without an answer until the caller gives up (or the provider stops).
    if (fault === 'timeout') return;
    const { answer, replayed } = await this.answer(method, url, req.headers, raw, body);
    record.status = answer.status;
    record.replayed = replayed;
    // Kept before it is answered: what the caller was told survives any stop.
    if (method === 'POST' && !replayed) this.save();
    if (fault === 'lost-response' || res.destroyed) return;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (replayed) headers['Idempotent-Replayed'] = 'true';
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  }

  private async answer(method: string, url: URL, headers: IncomingHttpHeaders, raw: string, body: Record<string, string>): Promise<Answered> {
    const fault = this.injectedFault();
    if (fault) return { answer: fault, replayed: false };
    if (headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return { answer: apiError(401, 'invalid_request_error', undefined, 'Invalid API Key provided.'), replayed: false };
    }
    const outage = this.cardOutage(method, url, raw, body);
    if (outage) return { answer: unavailable(outage), replayed: false };

    const key = method === 'POST' ? headerValue(headers['idempotency-key']) : undefined;
    const claim = key ? this.keys.claim(key, `${method} ${url.pathname} ${raw}`) : undefined;
    if (claim?.kind === 'answered') return { answer: claim.answer, replayed: claim.replayed };
    if (this.delays.count > 0) {
      this.delays.count -= 1;
      await this.sleep(this.delays.ms);
    }
    const answer = this.book.answer(method, url, body);
    claim?.keep(answer);
    return { answer, replayed: false };
  }

  /** The fault this request meets, if one is armed for its operation (counting it down). */
  private armedFaultFor(method: string, url: URL, body: Record<string, string>): FaultKind | undefined {
    const operation = faultOperationOf(method, url.pathname, body);
    const armed = operation && this.armed.get(operation);
    if (!armed || armed.remaining <= 0) return undefined;
    armed.remaining -= 1;
    return armed.fault;
  }

  private injectedFault(): ProviderAnswer | undefined {
    if (this.failures.count > 0) {
      this.failures.count -= 1;
      return apiError(this.failures.status, 'api_error', undefined, 'Injected failure.');
    }
    const { failureRate = 0, random = Math.random } = this.options;
    // The adapter puts this message into its error: the fault tests count failures by it.
    if (failureRate > 0 && random() < failureRate) return unavailable('The payment provider failed (simulated fault injection).');
    return undefined;
  }

  /** Only an authorization (a confirm) meets the card's outage; its payment is our payment id (else the request itself). */
  private cardOutage(method: string, url: URL, raw: string, body: Record<string, string>): string | undefined {
    if (method !== 'POST') return undefined;
    if (url.pathname === '/v1/payment_intents') {
      if (body.confirm !== 'true' || !body.payment_method) return undefined;
      return this.outages.outageFor(body.payment_method, body['metadata[payment_id]'] ?? raw);
    }
    const confirming = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(url.pathname);
    const intent = confirming ? this.book.intents.get(decodeURIComponent(confirming[1]!)) : undefined;
    return intent ? this.outages.outageFor(intent.payment_method, intent.metadata.payment_id ?? intent.id) : undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Which money-moving operation a request is, for the armed faults. */
export function faultOperationOf(method: string, path: string, body: Record<string, string>): FaultOperation | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/payment_intents') return body.confirm === 'true' ? 'authorize' : undefined;
  if (path === '/v1/refunds') return 'refund';
  const action = /^\/v1\/payment_intents\/[^/]+\/(confirm|capture|cancel)$/.exec(path)?.[1];
  if (action === 'confirm') return 'authorize';
  if (action === 'capture') return 'capture';
  if (action === 'cancel') return 'void';
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
