import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a PaymentIntents-style provider (Stripe-shaped), for the HTTP adapter's tests.
 * Listens on 127.0.0.1 on an ephemeral port. Takes form-encoded bodies, answers JSON.
 *
 * - `POST /v1/payment_intents` (confirm + manual capture): the card token decides the outcome:
 *   `tok_declined` → 402 card_error `card_declined`, `tok_insufficient_funds` → 402 `insufficient_funds`,
 *   `tok_async` → `processing`, anything else → `requires_capture`. `declineCard(token, code)` adds more.
 * - `GET /v1/payment_intents/search?query=metadata['payment_id']:'…'`, `GET /v1/payment_intents/{id}`
 * - `POST /v1/payment_intents/{id}/capture` | `/cancel`, `POST /v1/refunds` (`payment_intent`).
 *
 * Idempotency like the real thing: a POST's `Idempotency-Key` with the same request again gets the
 * first answer (2xx and 4xx) replayed with `Idempotent-Replayed: true` and no second effect; the same
 * key with another request is a 400 `idempotency_error`; a key still being processed (see `delayNext`)
 * is a 409. Injected delays happen after the key is taken and before the effect.
 * Injected failures (`failNext`) answer before any processing, so they are never stored under a key.
 */

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  payment_method: string;
  capture_method: string;
  status: 'requires_payment_method' | 'requires_capture' | 'processing' | 'succeeded' | 'canceled';
  metadata: Record<string, string>;
  created: number;
  amount_refunded: number;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  payment_intent: string;
  amount: number;
  status: 'succeeded';
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, string>;
  /** What the server answered (0 if the client went away before the answer). */
  status: number;
  replayed: boolean;
}

interface Answer {
  status: number;
  body: unknown;
}

interface KeptAnswer {
  fingerprint: string;
  answer?: Answer;
}

const DEFAULT_DECLINES: Record<string, string> = { tok_declined: 'card_declined', tok_insufficient_funds: 'insufficient_funds' };

export class FakePaymentServer {
  readonly intents = new Map<string, FakeIntent>();
  readonly refunds: FakeRefund[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly declines = new Map(Object.entries(DEFAULT_DECLINES));
  private readonly keys = new Map<string, KeptAnswer>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private failures: { count: number; status: number } = { count: 0, status: 503 };
  private delays: { count: number; ms: number } = { count: 0, ms: 0 };
  private sequence = 0;
  private server?: Server;

  /** `apiKey`: the only bearer key accepted (401 otherwise). */
  constructor(private readonly apiKey = 'sk_test_fake') {}

  /** Starts listening; resolves with the base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake payment server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `count` requests fail with `status` (default 503) before doing anything. */
  failNext(count: number, status = 503): void {
    this.failures = { count, status };
  }

  /** The next `count` requests are processed only after `ms` (the effect still happens, late). */
  delayNext(count: number, ms: number): void {
    this.delays = { count, ms };
  }

  /** Authorizing with `token` answers a card_error with `code`. */
  declineCard(token: string, code = 'card_declined'): void {
    this.declines.set(token, code);
  }

  /** The intents tagged with our payment id. */
  intentsFor(paymentId: string): FakeIntent[] {
    return [...this.intents.values()].filter((intent) => intent.metadata.payment_id === paymentId);
  }

  /** Requests that reached the handler (replays included), optionally by method and path prefix. */
  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(pathPrefix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = Object.fromEntries(new URLSearchParams(raw));
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body, status: 0, replayed: false };
    this.requests.push(record);
    const send = (answer: Answer, replayed = false): void => {
      record.status = answer.status;
      record.replayed = replayed;
      if (res.destroyed) return;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (replayed) headers['Idempotent-Replayed'] = 'true';
      res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
    };

    if (this.failures.count > 0) {
      this.failures.count -= 1;
      return send(apiError(this.failures.status, 'api_error', undefined, 'Injected failure.'));
    }
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(apiError(401, 'invalid_request_error', undefined, 'Invalid API Key provided.'));
    }

    const key = req.method === 'POST' ? headerValue(req.headers['idempotency-key']) : undefined;
    let reserved: KeptAnswer | undefined;
    if (key) {
      const fingerprint = `${req.method} ${url.pathname} ${raw}`;
      const kept = this.keys.get(key);
      if (kept) {
        if (kept.fingerprint !== fingerprint) {
          return send(apiError(400, 'idempotency_error', undefined, 'Keys for idempotent requests can only be used with the same parameters they were first used with.'));
        }
        if (!kept.answer) return send(apiError(409, 'idempotency_error', 'idempotency_key_in_use', 'A request with this key is still being processed.'));
        return send(kept.answer, true);
      }
      reserved = { fingerprint };
      this.keys.set(key, reserved);
    }
    if (this.delays.count > 0) {
      this.delays.count -= 1;
      await this.sleep(this.delays.ms);
    }
    const answer = this.route(req.method ?? 'GET', url, body);
    // Like Stripe, a request that started executing keeps its answer, the errors included.
    if (reserved) reserved.answer = answer;
    return send(answer);
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

  private route(method: string, url: URL, body: Record<string, string>): Answer {
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/payment_intents') return this.createIntent(body);
    if (method === 'GET' && path === '/v1/payment_intents/search') return this.search(url.searchParams.get('query') ?? '');
    if (method === 'POST' && path === '/v1/refunds') return this.refund(body);
    const match = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path);
    if (match) {
      const intent = this.intents.get(decodeURIComponent(match[1]!));
      if (!intent) return apiError(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${match[1]}'`);
      if (method === 'GET' && !match[2]) return ok(intent);
      if (method === 'POST' && match[2] === 'capture') return this.capture(intent);
      if (method === 'POST' && match[2] === 'cancel') return this.cancel(intent);
    }
    return apiError(404, 'invalid_request_error', undefined, `Unrecognized request URL (${method}: ${path}).`);
  }

  private createIntent(body: Record<string, string>): Answer {
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
    const token = body.payment_method!;
    const declineCode = this.declines.get(token);
    const intent: FakeIntent = {
      id: `pi_${String(++this.sequence).padStart(6, '0')}`,
      object: 'payment_intent',
      amount,
      currency: body.currency!,
      payment_method: token,
      capture_method: body.capture_method ?? 'automatic',
      status: declineCode ? 'requires_payment_method' : token === 'tok_async' ? 'processing' : 'requires_capture',
      metadata,
      created: this.sequence,
      amount_refunded: 0,
    };
    if (intent.capture_method !== 'manual' && !declineCode && intent.status === 'requires_capture') intent.status = 'succeeded';
    this.intents.set(intent.id, intent);
    if (declineCode) {
      return { status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: 'Your card was declined.', payment_intent: intent } } };
    }
    return ok(intent);
  }

  private search(query: string): Answer {
    const match = /^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$/.exec(query.trim());
    if (!match) return apiError(400, 'invalid_request_error', 'parameter_invalid', `Unsupported search query: ${query}`);
    const [, field, escaped] = match;
    const value = escaped!.replace(/\\(.)/g, '$1');
    const data = [...this.intents.values()].filter((intent) => intent.metadata[field!] === value);
    return ok({ object: 'search_result', data, has_more: false });
  }

  private capture(intent: FakeIntent): Answer {
    if (intent.status !== 'requires_capture') return unexpectedState(intent, 'capture');
    intent.status = 'succeeded';
    return ok(intent);
  }

  private cancel(intent: FakeIntent): Answer {
    if (intent.status === 'succeeded' || intent.status === 'canceled') return unexpectedState(intent, 'cancel');
    intent.status = 'canceled';
    return ok(intent);
  }

  private refund(body: Record<string, string>): Answer {
    const intent = body.payment_intent ? this.intents.get(body.payment_intent) : undefined;
    if (!intent) return apiError(400, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${body.payment_intent}'`);
    if (intent.amount_refunded >= intent.amount && intent.amount > 0) return apiError(400, 'invalid_request_error', 'charge_already_refunded', 'The charge has already been refunded.');
    if (intent.status !== 'succeeded') return apiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', 'This PaymentIntent has no successful charge to refund.');
    if (this.refunds.some((refund) => refund.payment_intent === intent.id)) return apiError(400, 'invalid_request_error', 'charge_already_refunded', 'The charge has already been refunded.');
    const refund: FakeRefund = { id: `re_${String(++this.sequence).padStart(6, '0')}`, object: 'refund', payment_intent: intent.id, amount: intent.amount, status: 'succeeded' };
    intent.amount_refunded = intent.amount;
    this.refunds.push(refund);
    return ok(refund);
  }
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function apiError(status: number, type: string, code: string | undefined, message: string): Answer {
  return { status, body: { error: { type, ...(code ? { code } : {}), message } } };
}

function unexpectedState(intent: FakeIntent, action: string): Answer {
  return apiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`);
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
