import { HttpPaymentProvider, PaymentProviderRejected } from '../../../../functions/payments/adapters/http-payment-provider';
import { PaymentDeclined, PaymentProviderUnavailable } from '../../../../functions/payments/domain/payment-errors';
import type { ProviderCall } from '../../../../functions/payments/domain/payment-provider';
import { PaymentProviderSimulator } from '../../../../local/payments/payment-provider-simulator';

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

/** A fresh payment; `call(step)` gives the call for a step with a key unique to payment and step. */
function newPayment(token = 'tok_visa', amount = 4200) {
  const id = `pay_${++sequence}`;
  const payment = { id, amount, currency: 'EUR', token };
  return { payment, call: (step: string): ProviderCall => ({ payment, idempotencyKey: `${id}-${step}` }) };
}

describe('HttpPaymentProvider', () => {
  it('authorizes with manual capture, then captures the same intent (found again by payment id)', async () => {
    const { payment, call } = newPayment();
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized' });

    const [created] = server.requestsTo('POST', '/v1/payment_intents');
    expect(created!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(created!.body).toEqual({ amount: '4200', currency: 'eur', payment_method: 'tok_visa', capture_method: 'manual', confirm: 'true', 'metadata[payment_id]': payment.id });
    expect(server.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['requires_capture']);

    // A fresh instance (another Lambda sandbox) has to look the intent up.
    await expect(provider().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    expect(server.requestsTo('GET', '/v1/payment_intents/search')).toHaveLength(1);
    const [intent] = server.intentsFor(payment.id);
    expect(intent!.status).toBe('succeeded');
    expect(server.requestsTo('POST', `/v1/payment_intents/${intent!.id}/capture`)).toHaveLength(1);
  });

  it('sends the bearer API key (from PAYMENT_PROVIDER_API_KEY) and the call idempotency key', async () => {
    const { call } = newPayment();
    await provider().authorize(call('authorize'));
    await provider().capture(call('capture'));
    const posts = server.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.headers['idempotency-key'])).toEqual([call('authorize').idempotencyKey, call('capture').idempotencyKey]);
    for (const request of server.requests) expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('turns a card error into PaymentDeclined with the decline code', async () => {
    const { call } = newPayment('tok_insufficient_funds');
    const error = await provider().authorize(call('authorize')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentDeclined);
    expect((error as PaymentDeclined).reason).toBe('insufficient_funds');

    server.declineCard('tok_stolen', 'stolen_card');
    await expect(provider().authorize(newPayment('tok_stolen').call('authorize'))).rejects.toMatchObject({ name: 'PaymentDeclined', reason: 'stolen_card' });
  });

  it('answers pending for an asynchronous authorization', async () => {
    const { payment, call } = newPayment('tok_async');
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'pending' });
    expect(server.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['processing']);
  });

  it('voids an authorization, a declined one too, and treats a payment that never reached the provider as voided', async () => {
    const authorized = newPayment();
    const adapter = provider();
    await adapter.authorize(authorized.call('authorize'));
    await expect(adapter.void(authorized.call('void'))).resolves.toEqual({ status: 'voided' });
    expect(server.intentsFor(authorized.payment.id).map((intent) => intent.status)).toEqual(['canceled']);
    // Voided again under another key (a re-driven compensation): nothing more happens.
    await expect(provider().void(authorized.call('void-again'))).resolves.toEqual({ status: 'voided' });
    expect(server.requestsTo('POST', '/v1/payment_intents/').filter((request) => request.path.endsWith('/cancel'))).toHaveLength(1);

    const declined = newPayment('tok_declined');
    await expect(provider().authorize(declined.call('authorize'))).rejects.toBeInstanceOf(PaymentDeclined);
    await expect(provider().void(declined.call('void'))).resolves.toEqual({ status: 'voided' });
    expect(server.intentsFor(declined.payment.id).map((intent) => intent.status)).toEqual(['canceled']);

    const never = newPayment();
    await expect(provider().void(never.call('void'))).resolves.toEqual({ status: 'voided' });
    expect(server.intentsFor(never.payment.id)).toHaveLength(0);
  });

  it('refunds a captured payment in full; a second refund under another key is declined already_refunded', async () => {
    const { payment, call } = newPayment();
    await provider().authorize(call('authorize'));
    await provider().capture(call('capture'));
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    const [intent] = server.intentsFor(payment.id);
    expect(server.refunds).toEqual([expect.objectContaining({ payment_intent: intent!.id, amount: 4200 })]);
    expect(server.requestsTo('POST', '/v1/refunds')[0]!.body).toEqual({ payment_intent: intent!.id });

    await expect(provider().refund(call('refund-other-key'))).rejects.toMatchObject({ name: 'PaymentDeclined', reason: 'already_refunded' });
    expect(server.refunds).toHaveLength(1);
  });

  it('is idempotent per key: the same key twice gives one intent and one refund', async () => {
    const { payment, call } = newPayment();
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized' });
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized' });
    expect(server.intentsFor(payment.id)).toHaveLength(1);

    await provider().capture(call('capture'));
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    await expect(provider().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    expect(server.refunds).toHaveLength(1);
    expect(server.requestsTo('POST', '/v1/refunds').map((request) => request.replayed)).toEqual([false, true]);
    expect(server.requestsTo('POST', '/v1/payment_intents').filter((r) => r.path === '/v1/payment_intents').map((request) => request.replayed)).toEqual([false, true]);
  });

  it('replays a decline for the same key without a second attempt', async () => {
    const { payment, call } = newPayment('tok_declined');
    await expect(provider().authorize(call('authorize'))).rejects.toMatchObject({ reason: 'card_declined' });
    await expect(provider().authorize(call('authorize'))).rejects.toMatchObject({ reason: 'card_declined' });
    expect(server.intentsFor(payment.id)).toHaveLength(1);
  });

  it('maps a 503 to PaymentProviderUnavailable; the retry with the same key succeeds once', async () => {
    const { payment, call } = newPayment();
    server.failNext(1, 503);
    await expect(provider().authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    expect(server.intentsFor(payment.id)).toHaveLength(0);
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized' });
    expect(server.intentsFor(payment.id)).toHaveLength(1);
  });

  it('maps 429 and 500 to PaymentProviderUnavailable', async () => {
    const { call } = newPayment();
    server.failNext(1, 429);
    await expect(provider().authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    server.failNext(1, 500);
    await expect(provider().authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('times out into PaymentProviderUnavailable; a retry with the same key never authorizes twice', async () => {
    const { payment, call } = newPayment();
    server.delayNext(1, 400);
    const started = Date.now();
    const error = await provider({ timeoutMs: 100 }).authorize(call('authorize')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(Date.now() - started).toBeLessThan(350);

    // Retried while the first request is still being processed: the key is in use (409), transient.
    await expect(provider({ timeoutMs: 100 }).authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    // The late first request took effect; the retry gets its answer.
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(provider().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized' });
    expect(server.intentsFor(payment.id)).toHaveLength(1);
  });

  it('maps a network error (nothing listening) to PaymentProviderUnavailable', async () => {
    const adapter = provider();
    await server.stop();
    await expect(adapter.authorize(newPayment().call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('rejects a bad API key with PaymentProviderRejected, not retried as transient', async () => {
    const error = await provider({ apiKey: 'sk_test_wrong' }).authorize(newPayment().call('authorize')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderRejected);
    expect(error).not.toBeInstanceOf(PaymentProviderUnavailable);
    expect(error).toMatchObject({ name: 'PaymentProviderRejected', status: 401 });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk_test_wrong');
  });

  it('rejects a bad request and a call in the wrong state with PaymentProviderRejected', async () => {
    await expect(provider().authorize(newPayment('tok_visa', -1).call('authorize'))).rejects.toMatchObject({ name: 'PaymentProviderRejected', status: 400, code: 'parameter_invalid_integer' });

    const pending = newPayment('tok_async');
    await provider().authorize(pending.call('authorize'));
    await expect(provider().capture(pending.call('capture'))).rejects.toMatchObject({ name: 'PaymentProviderRejected', code: 'payment_intent_unexpected_state' });
  });

  it('treats an intent not yet found for capture or refund as transient (search index lag)', async () => {
    const { call } = newPayment();
    await expect(provider().capture(call('capture'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(provider().refund(call('refund'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('is chosen by the factory with PAYMENT_PROVIDER=http and PAYMENT_PROVIDER_URL', async () => {
    const saved = { provider: process.env.PAYMENT_PROVIDER, url: process.env.PAYMENT_PROVIDER_URL };
    process.env.PAYMENT_PROVIDER = 'http';
    process.env.PAYMENT_PROVIDER_URL = baseUrl;
    try {
      let factory!: typeof import('../../../../functions/payments/adapters/payment-provider-factory');
      jest.isolateModules(() => {
        factory = require('../../../../functions/payments/adapters/payment-provider-factory');
      });
      const chosen = factory.paymentProvider();
      expect(chosen.constructor.name).toBe('HttpPaymentProvider');
      await expect(chosen.authorize(newPayment().call('authorize'))).resolves.toEqual({ status: 'authorized' });
    } finally {
      for (const [name, value] of [['PAYMENT_PROVIDER', saved.provider], ['PAYMENT_PROVIDER_URL', saved.url]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
