import type { LocalRuntime } from '#local/runtime';
import type { ObservedEvent, ObservedOrder, ObservedPayment, Observation } from './invariants';

/**
 * The invariant suites' view of the shop: a client of its HTTP API that behaves as a well-behaved
 * real client does (it retries what the API says is worth retrying, with backoff, and keeps the
 * same Idempotency-Key and body), plus the local runtime's observation endpoints. Every wait polls
 * against a deadline; nothing sleeps a fixed time to let the system catch up.
 */

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, when it is JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface OrderBody {
  items: { sku: string; quantity: number }[];
  shippingAddress: { name: string; line1: string; city: string; postalCode: string; country: string };
  payment: { method: 'card'; token: string };
}

export interface Placement {
  idempotencyKey: string;
  /** Every answer the client got, in order; the last one ended the retries. */
  attempts: Answer[];
  final: Answer;
}

/** A saga execution as GET /_local/executions/{orderId} shows it. */
export interface ObservedExecution {
  name: string;
  stateMachine: string;
  status: string;
  history: ({ type: string } & Record<string, unknown>)[];
}

export const orderBody = (items: OrderBody['items'], token: string): OrderBody => ({
  items,
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { method: 'card', token },
});

/** An answer in one line, for assertion messages. */
export const describeAnswer = (answer: Answer): string => `${answer.status} ${answer.text}`;

/** Worth retrying with the same request: the API failed or was busy, or the first attempt is still in progress. */
export const isRetryable = (status: number): boolean => status === 0 || status === 409 || status === 429 || status >= 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ShopClient {
  constructor(
    private readonly runtime: LocalRuntime,
    private readonly random: () => number = Math.random,
  ) {}

  /** One request; a connection failure answers status 0 (a client sees no answer at all). */
  async call(method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.runtime.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      return { status: 0, headers: new Headers(), text: String(error), body: undefined };
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  /**
   * POST /orders as a careful client does: the same key and body again after a 5xx, a 409 (the first
   * attempt still in progress), a 429 or no answer at all, waiting Retry-After when given, else an
   * exponential backoff with jitter; it stops at a 201 or any other 4xx.
   */
  async placeOrder(token: string, idempotencyKey: string, body: OrderBody, deadlineMs = 60_000): Promise<Placement> {
    const deadline = Date.now() + deadlineMs;
    const attempts: Answer[] = [];
    for (let attempt = 0; ; attempt++) {
      const answer = await this.call('POST', '/api/v1/orders', token, body, { 'idempotency-key': idempotencyKey });
      attempts.push(answer);
      if (!isRetryable(answer.status)) return { idempotencyKey, attempts, final: answer };
      if (Date.now() > deadline)
        throw new Error(`POST /orders with key ${idempotencyKey} still answers ${answer.status} after ${attempts.length} attempts: ${answer.text}`);
      await pause(this.retryDelayMs(attempt, answer));
    }
  }

  /** A read, retried through faults (5xx, 429) until it answers 200. */
  async read<T>(route: string, token: string, deadlineMs = 30_000): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.call('GET', route, token);
      if (answer.status === 200) return answer.body as T;
      if (!isRetryable(answer.status) || Date.now() > deadline) throw new Error(`GET ${route} answered ${answer.status}: ${answer.text}`);
      await pause(this.retryDelayMs(attempt, answer));
    }
  }

  /** Every order of the customer the token is for, through the API's own pagination. */
  async ordersOf(token: string): Promise<ObservedOrder[]> {
    const orders: ObservedOrder[] = [];
    let cursor: string | undefined;
    do {
      const query = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await this.read<{ items: ObservedOrder[]; nextCursor?: string }>(`/api/v1/orders${query}`, token);
      orders.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return orders;
  }

  /**
   * Polls the customers' order lists until none is pending (the saga is asynchronous by design), and
   * answers them. Throws, naming the orders still pending, when the deadline passes first.
   */
  async settledOrders(customerTokens: string[], deadlineMs: number): Promise<ObservedOrder[]> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const orders = (await Promise.all(customerTokens.map((token) => this.ordersOf(token)))).flat();
      const pending = orders.filter((order) => order.status === 'pending');
      if (pending.length === 0) return orders;
      if (Date.now() > deadline)
        throw new Error(`${pending.length} order(s) still pending after ${deadlineMs} ms: ${pending.map((order) => order.id).join(', ')}`);
      await pause(250);
    }
  }

  async stockOf(skus: string[], token: string): Promise<Record<string, number>> {
    const products = await Promise.all(skus.map((sku) => this.read<{ stock: number }>(`/api/v1/products/${sku}`, token)));
    return Object.fromEntries(skus.map((sku, index) => [sku, products[index]!.stock]));
  }

  /** Creates (If-None-Match: *) or, when it exists, replaces the version just read (If-Match) a product with exactly this stock. */
  async putProduct(adminToken: string, sku: string, stock: number): Promise<void> {
    const product = { name: `Scarce ${sku}`, price: 1500, currency: 'EUR', stock };
    let answer = await this.call('PUT', `/api/v1/products/${sku}`, adminToken, product, { 'if-none-match': '*' });
    if (answer.status === 412) {
      const current = await this.call('GET', `/api/v1/products/${sku}`, adminToken);
      answer = await this.call('PUT', `/api/v1/products/${sku}`, adminToken, product, { 'if-match': current.headers.get('etag') ?? '' });
    }
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`PUT /products/${sku} answered ${answer.status}: ${answer.text}`);
  }

  async events(): Promise<ObservedEvent[]> {
    return (await (await fetch(`${this.runtime.url}/_local/events`)).json()) as ObservedEvent[];
  }

  async executionsOf(orderId: string): Promise<ObservedExecution[]> {
    return (await (await fetch(`${this.runtime.url}/_local/executions/${orderId}`)).json()) as ObservedExecution[];
  }

  /** The run as the invariants see it; call it once the system is idle (and faults are off). */
  async observe(run: { initialStock: Record<string, number>; customerIds: string[]; customerTokens: string[]; adminToken: string }): Promise<Observation> {
    const orders = (await Promise.all(run.customerTokens.map((token) => this.ordersOf(token)))).flat();
    const payments = await Promise.all(orders.map((order) => this.read<ObservedPayment>(`/api/v1/payments/${order.payment.id}`, run.adminToken)));
    return {
      initialStock: run.initialStock,
      stock: await this.stockOf(Object.keys(run.initialStock), run.adminToken),
      orders,
      payments: Object.fromEntries(payments.map((payment) => [payment.id, payment])),
      events: await this.events(),
      customerIds: run.customerIds,
    };
  }

  private retryDelayMs(attempt: number, answer: Answer): number {
    const retryAfter = Number(answer.headers.get('retry-after'));
    // Never sooner than the server asked; a little later, so retries of many clients spread out.
    if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000 + this.random() * 250;
    return Math.min(50 * 2 ** attempt, 1000) * (0.5 + this.random() / 2);
  }
}
