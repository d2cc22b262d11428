import { HttpPaymentProvider, PaymentProviderRejected } from '#payments/adapters/http-payment-provider';
import { PaymentDeclined, PaymentProviderUnavailable } from '#payments/domain/payment-errors';
import type { ProviderCall, ProviderPayment } from '#payments/domain/payment-provider';
import { PaymentProviderSimulator } from '#local/payments/payment-provider-simulator';

const API_KEY = 'sk_test_fake';

let server: PaymentProviderSimulator;
let baseUrl: string;
let sequence = 0;

beforeAll(() => {
  process.env.PAYMENT_PROVIDER_API_KEY = API_KEY;
});

beforeEach(async () => {
  server = new PaymentProviderSimulator({ apiKey: API_KEY, recordRequests: true });
  baseUrl = await server.start();
});

afterEach(async () => {
  await server.stop();
});

function provider(options: { timeoutMs?: number; apiKey?: string } = {}): HttpPaymentProvider {
  return new HttpPaymentProvider({ baseUrl, timeoutMs: options.timeoutMs, apiKey: options.apiKey ? async () => options.apiKey! : undefined });
}

/**
 * A fresh payment; `call(step)` gives the call for a step with a key unique to payment and step, and
 * `create()` has the provider create it and keeps its intent id, as the saga does on the payment record.
 */
function newPayment(token = 'tok_visa', amount = 4200) {
  const id = `pay_${++sequence}`;
  const payment: ProviderPayment = { id, amount, currency: 'EUR', token };
  const call = (step: string): ProviderCall => ({ payment: { ...payment }, idempotencyKey: `${id}-${step}` });
  const create = async () => {
    payment.providerPaymentId = (await provider().create(call('create'))).providerPaymentId;
    return payment.providerPaymentId;
  };
  return { payment, call, create };
}

describe('HttpPaymentProvider', () => {
  it('creates the intent unconfirmed (nothing authorized), then confirms, captures and inspects it by the id it answered: no search', async () => {
    const { payment, call, create } = newPayment();
    const intentId = await create();
    const [created] = server.requestsTo('POST', '/v1/payment_intents');
    expect(created!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(created!.body).toEqual({
      amount: '4200',
      currency: 'eur',
      payment_method: 'tok_visa',
      capture_method: 'manual',
      'metadata[payment_id]': payment.id,
    });
    expect(server.paymentView(payment.id)).toEqual({ intentId, status: 'requires_confirmation', amount: 4200, amountRefunded: 0 });
    await expect(provider().inspect(payment)).resolves.toEqual({ status: 'created' });

    // A fresh instance (another Lambda sandbox) needs nothing but the stored id.
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: false });
    expect(server.requestsTo('POST', `/v1/payment_intents/${intentId}/confirm`)).toHaveLength(1);
    await expect(provider().inspect(payment)).resolves.toEqual({ status: 'authorized' });
    await expect(provider().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    expect(server.requestsTo('POST', `/v1/payment_intents/${intentId}/capture`)).toHaveLength(1);
    await expect(provider().inspect(payment)).resolves.toEqual({ status: 'captured' });
    expect(server.requests.filter((request) => request.path.includes('/search'))).toEqual([]);
  });

  it('sends the bearer API key (from PAYMENT_PROVIDER_API_KEY) and the call idempotency key', async () => {
    const { call, create } = newPayment();
    await create();
    await provider().authorize(call('authorize'));
    await provider().capture(call('capture'));
    const posts = server.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.headers['idempotency-key'])).toEqual([
      call('create').idempotencyKey,
      call('authorize').idempotencyKey,
      call('capture').idempotencyKey,
    ]);
    for (const request of server.requests) expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('turns a card error into PaymentDeclined with the decline code; the intent then inspects as declined', async () => {
    const declined = newPayment('tok_insufficient_funds');
    await declined.create();
    const error = await provider()
      .authorize(declined.call('authorize'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentDeclined);
    expect((error as PaymentDeclined).reason).toBe('insufficient_funds');
    await expect(provider().inspect(declined.payment)).resolves.toEqual({ status: 'declined' });

    server.declineCard('tok_stolen', 'stolen_card');
    const stolen = newPayment('tok_stolen');
    await stolen.create();
    await expect(provider().authorize(stolen.call('authorize'))).rejects.toMatchObject({ name: 'PaymentDeclined', reason: 'stolen_card' });
  });

  it('answers pending for an asynchronous authorization', async () => {
    const { payment, call, create } = newPayment('tok_async');
    await create();
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'pending', replayed: false });
    await expect(provider().inspect(payment)).resolves.toEqual({ status: 'pending' });
  });

  it('voids an authorization, a declined one too, and a payment never created at the provider without a call', async () => {
    const authorized = newPayment();
    await authorized.create();
    await provider().authorize(authorized.call('authorize'));
    await expect(provider().void(authorized.call('void'))).resolves.toEqual({ status: 'voided' });
    expect(server.paymentView(authorized.payment.id)).toMatchObject({ status: 'canceled' });
    await expect(provider().inspect(authorized.payment)).resolves.toEqual({ status: 'voided' });
    // Voided again under another key (a redriven compensation): the provider refuses, the adapter sees it is done.
    await expect(provider().void(authorized.call('void-again'))).resolves.toEqual({ status: 'voided' });

    const declined = newPayment('tok_declined');
    await declined.create();
    await expect(provider().authorize(declined.call('authorize'))).rejects.toBeInstanceOf(PaymentDeclined);
    await expect(provider().void(declined.call('void'))).resolves.toEqual({ status: 'voided' });
    expect(server.paymentView(declined.payment.id)).toMatchObject({ status: 'canceled' });

    const never = newPayment();
    const before = server.requests.length;
    await expect(provider().void(never.call('void'))).resolves.toEqual({ status: 'voided' });
    await expect(provider().inspect(never.payment)).resolves.toEqual({ status: 'not-created' });
    expect(server.requests.length).toBe(before);
  });

  it('refuses to void a captured payment (the compensation must refund it), with PaymentProviderRejected', async () => {
    const { call, create } = newPayment();
    await create();
    await provider().authorize(call('authorize'));
    await provider().capture(call('capture'));
    await expect(provider().void(call('void'))).rejects.toMatchObject({ name: 'PaymentProviderRejected', code: 'payment_intent_unexpected_state' });
  });

  it('refunds a captured payment in full; a second refund under another key answers refunded, refunding nothing more', async () => {
    const { payment, call, create } = newPayment();
    const intentId = await create();
    await provider().authorize(call('authorize'));
    await provider().capture(call('capture'));
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    expect(server.refunds).toEqual([expect.objectContaining({ payment_intent: intentId, amount: 4200 })]);
    expect(server.requestsTo('POST', '/v1/refunds')[0]!.body).toEqual({ payment_intent: intentId });
    await expect(provider().inspect(payment)).resolves.toEqual({ status: 'refunded' });
    expect(server.paymentView(payment.id)).toEqual({ intentId, status: 'succeeded', amount: 4200, amountRefunded: 4200 });

    await expect(provider().refund(call('refund-other-key'))).resolves.toEqual({ status: 'refunded' });
    expect(server.refunds).toHaveLength(1);
  });

  it('is idempotent per key: the same key twice gives one intent, one capture and one refund', async () => {
    const { payment, call, create } = newPayment();
    const first = await create();
    expect(await create()).toBe(first);
    expect(server.intentsFor(payment.id)).toHaveLength(1);
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: false });
    // The same key again: the provider's first answer, marked replayed (it proves nothing about the provider's health now).
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: true });

    await provider().capture(call('capture'));
    await expect(provider().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    // A capture repeated under another key finds the intent captured already.
    await expect(provider().capture(call('capture-other-key'))).resolves.toEqual({ status: 'captured' });
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    expect(server.refunds).toHaveLength(1);
    expect(server.requestsTo('POST', '/v1/refunds').map((request) => request.replayed)).toEqual([false, true]);
    expect(server.requestsTo('POST', `/v1/payment_intents/${first}/confirm`).map((request) => request.replayed)).toEqual([false, true]);
  });

  it('replays a decline for the same key without a second attempt', async () => {
    const { call, create } = newPayment('tok_declined');
    await create();
    await expect(provider().authorize(call('authorize'))).rejects.toMatchObject({ reason: 'card_declined' });
    await expect(provider().authorize(call('authorize'))).rejects.toMatchObject({ reason: 'card_declined' });
    expect(server.requests.filter((request) => request.path.endsWith('/confirm')).map((request) => request.replayed)).toEqual([false, true]);
  });

  it('maps a 503 to PaymentProviderUnavailable; the retry with the same key succeeds once', async () => {
    const { payment, call } = newPayment();
    server.failNext(1, 503);
    await expect(provider().create(call('create'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    expect(server.intentsFor(payment.id)).toHaveLength(0);
    await expect(provider().create(call('create'))).resolves.toEqual({ providerPaymentId: expect.stringMatching(/^pi_/) });
    expect(server.intentsFor(payment.id)).toHaveLength(1);
  });

  it('maps 429 and 500 to PaymentProviderUnavailable', async () => {
    const { call } = newPayment();
    server.failNext(1, 429);
    await expect(provider().create(call('create'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    server.failNext(1, 500);
    await expect(provider().create(call('create'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('times out into PaymentProviderUnavailable; a retry with the same key never authorizes twice', async () => {
    const { payment, call, create } = newPayment();
    await create();
    server.delayNext(1, 400);
    const started = Date.now();
    const error = await provider({ timeoutMs: 100 })
      .authorize(call('authorize'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(Date.now() - started).toBeLessThan(350);

    // Retried while the first request is still being processed: the key is in use (409), transient.
    await expect(provider({ timeoutMs: 100 }).authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    // The late first request took effect; the retry gets its answer.
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: true });
    expect(server.paymentView(payment.id)).toMatchObject({ status: 'requires_capture' });
  });

  it('maps a network error (nothing listening) to PaymentProviderUnavailable', async () => {
    const adapter = provider();
    await server.stop();
    await expect(adapter.create(newPayment().call('create'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('rejects a bad API key with PaymentProviderRejected, not retried as transient', async () => {
    const error = await provider({ apiKey: 'sk_test_wrong' })
      .create(newPayment().call('create'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderRejected);
    expect(error).not.toBeInstanceOf(PaymentProviderUnavailable);
    expect(error).toMatchObject({ name: 'PaymentProviderRejected', status: 401 });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk_test_wrong');
  });

  it('rejects a bad request and a call in the wrong state with PaymentProviderRejected', async () => {
    await expect(provider().create(newPayment('tok_visa', -1).call('create'))).rejects.toMatchObject({
      name: 'PaymentProviderRejected',
      status: 400,
      code: 'parameter_invalid_integer',
    });

    const pending = newPayment('tok_async');
    await pending.create();
    await provider().authorize(pending.call('authorize'));
    await expect(provider().capture(pending.call('capture'))).rejects.toMatchObject({
      name: 'PaymentProviderRejected',
      code: 'payment_intent_unexpected_state',
    });
  });

  it('refuses capture and refund of a payment never created (a bug of the caller, not a provider failure)', async () => {
    const { call } = newPayment();
    await expect(provider().capture(call('capture'))).rejects.toThrow(/needs its provider intent id/);
    await expect(provider().refund(call('refund'))).rejects.toThrow(/needs its provider intent id/);
    expect(server.requests).toEqual([]);
  });

  it('is chosen by the factory with PAYMENT_PROVIDER=http and PAYMENT_PROVIDER_URL', async () => {
    const saved = { provider: process.env.PAYMENT_PROVIDER, url: process.env.PAYMENT_PROVIDER_URL };
    process.env.PAYMENT_PROVIDER = 'http';
    process.env.PAYMENT_PROVIDER_URL = baseUrl;
    try {
      let factory!: typeof import('#payments/adapters/payment-provider-factory');
      jest.isolateModules(() => {
        factory = require('#payments/adapters/payment-provider-factory');
      });
      const chosen = factory.paymentProvider();
      expect(chosen.constructor.name).toBe('HttpPaymentProvider');
      await expect(chosen.create(newPayment().call('create'))).resolves.toEqual({ providerPaymentId: expect.stringMatching(/^pi_/) });
    } finally {
      for (const [name, value] of [
        ['PAYMENT_PROVIDER', saved.provider],
        ['PAYMENT_PROVIDER_URL', saved.url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
