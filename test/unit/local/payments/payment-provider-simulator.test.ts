import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpPaymentProvider } from '#payments/adapters/http-payment-provider';
import { PaymentDeclined, PaymentProviderUnavailable } from '#payments/domain/payment-errors';
import type { ProviderCall, ProviderPayment } from '#payments/domain/payment-provider';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '#contracts/payment-provider/webhook-signature';
import { PaymentProviderSimulator, type PaymentProviderSimulatorOptions } from '#local/payments/payment-provider-simulator';

const API_KEY = 'sk_test_local';
const WEBHOOK_SECRET = 'whsec_local';
const WEBHOOK_DELAY_MS = 100;

interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Our webhook route, as far as the provider can tell: records what it is sent, answers 204. */
class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });

  start(): Promise<void> {
    return new Promise((done) => this.server.listen(0, '127.0.0.1', done));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1/webhooks/payments`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

let provider: PaymentProviderSimulator;
let receiver: WebhookReceiver;
let sequence = 0;

async function startProvider(options: Partial<PaymentProviderSimulatorOptions> = {}): Promise<void> {
  provider = new PaymentProviderSimulator({
    apiKey: API_KEY,
    webhook: { url: receiver.url, secret: async () => WEBHOOK_SECRET, delayMs: WEBHOOK_DELAY_MS },
    ...options,
  });
  await provider.start();
}

/** A fresh adapter: what one Lambda sandbox holds (it knows a payment's intent only by the id on the payment). */
function sandbox(): HttpPaymentProvider {
  return new HttpPaymentProvider({ baseUrl: provider.url, apiKey: async () => API_KEY });
}

/**
 * A fresh payment; `call(step)` gives the call for a step with the key the saga would use, and
 * `create()` has the provider create it and keeps the intent id, as the saga keeps it on the payment.
 */
function newPayment(token: string) {
  const id = `pay_${++sequence}`;
  const payment: ProviderPayment = { id, amount: 4200, currency: 'EUR', token };
  const call = (step: string): ProviderCall => ({ payment: { ...payment }, idempotencyKey: `${step}-${id}` });
  const create = async () => {
    payment.providerPaymentId = (await sandbox().create(call('create'))).providerPaymentId;
    return payment.providerPaymentId;
  };
  return { payment, call, create };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

beforeEach(async () => {
  receiver = new WebhookReceiver();
  await receiver.start();
});

afterEach(async () => {
  await provider?.stop();
  await receiver.stop();
});

describe('the local payment provider, through the HTTP adapter, by card token', () => {
  beforeEach(() => startProvider());

  it('tok_visa authorizes, and another sandbox captures it', async () => {
    const { payment, call, create } = newPayment('tok_visa');
    await create();
    await expect(sandbox().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: false });
    await expect(sandbox().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    expect(provider.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['succeeded']);
  });

  it.each([
    ['tok_declined', 'card_declined'],
    ['tok_insufficient_funds', 'insufficient_funds'],
    ['tok_mystery', 'invalid_token'],
  ])('%s is declined %s, and the declined authorization can still be voided', async (token, reason) => {
    const { payment, call, create } = newPayment(token);
    await create();
    const error = await failure(sandbox().authorize(call('authorize')));
    expect(error).toBeInstanceOf(PaymentDeclined);
    expect(error).toMatchObject({ reason });
    await expect(sandbox().void(call('void'))).resolves.toEqual({ status: 'voided' });
    expect(provider.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['canceled']);
  });

  it('tok_flaky fails exactly twice, whichever sandbox retries, then authorizes once and captures', async () => {
    const { payment, call, create } = newPayment('tok_flaky');
    await create();
    const attempts: unknown[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) attempts.push(await failure(sandbox().authorize(call('authorize'))));
    expect(attempts[0]).toBeInstanceOf(PaymentProviderUnavailable);
    expect(attempts[1]).toBeInstanceOf(PaymentProviderUnavailable);
    expect(attempts[2]).toBeUndefined();
    await expect(sandbox().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    expect(provider.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['succeeded']);
  });

  it('tok_unavailable always fails to authorize, transiently; the intent created for it is cancelled by a void', async () => {
    const { payment, call, create } = newPayment('tok_unavailable');
    await create();
    for (let attempt = 1; attempt <= 4; attempt++) await expect(sandbox().authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'requires_confirmation' });
    await expect(sandbox().void(call('void'))).resolves.toEqual({ status: 'voided' });
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'canceled' });
  });

  it('tok_async is pending, then completed: payment.authorized for our payment id, signed with the webhook secret; then it captures', async () => {
    const { payment, call, create } = newPayment('tok_async');
    await create();
    const authorizedAt = Date.now();
    await expect(sandbox().authorize(call('authorize'))).resolves.toEqual({ status: 'pending', replayed: false });
    // Not capturable while the provider is still processing it.
    await expect(sandbox().capture(call('capture'))).rejects.toMatchObject({ name: 'PaymentProviderRejected', code: 'payment_intent_unexpected_state' });

    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Date.now() - authorizedAt).toBeGreaterThanOrEqual(WEBHOOK_DELAY_MS - 5);
    const [webhook] = receiver.received;
    expect(JSON.parse(webhook!.body)).toEqual({
      id: expect.stringMatching(/^evt_[A-Za-z0-9_-]+$/),
      type: 'payment.authorized',
      data: { paymentId: payment.id },
    });
    const signature = webhook!.headers[WEBHOOK_SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(signature, webhook!.body, WEBHOOK_SECRET, new Date())).toMatchObject({ valid: true });

    // Captured under a new key: the one refused above is kept with its refusal, as Stripe keeps it.
    await expect(sandbox().capture(call('capture-after-webhook'))).resolves.toEqual({ status: 'captured' });
    expect(provider.intentsFor(payment.id).map((intent) => intent.status)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(1);
  });

  it('replays a creation and an authorization by their keys, from another sandbox: one intent, the same answers', async () => {
    const { payment, call, create } = newPayment('tok_visa');
    const intentId = await create();
    expect(await create()).toBe(intentId);
    await expect(sandbox().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: false });
    await expect(sandbox().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: true });
    expect(provider.intentsFor(payment.id)).toHaveLength(1);
  });

  it('refunds once: the same key again is a replay, another key finds it refunded already, whichever sandbox asks', async () => {
    const { payment, call, create } = newPayment('tok_visa');
    await create();
    await sandbox().authorize(call('authorize'));
    await sandbox().capture(call('capture'));
    await expect(sandbox().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    await expect(sandbox().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    await expect(sandbox().refund(call('refund-again'))).resolves.toEqual({ status: 'refunded' });
    const [intent] = provider.intentsFor(payment.id);
    expect(provider.refunds.filter((refund) => refund.payment_intent === intent!.id)).toHaveLength(1);
  });
});

describe('the local payment provider, stopped', () => {
  it('sends no webhook it still owed', async () => {
    await startProvider();
    const payment = newPayment('tok_async');
    await payment.create();
    await sandbox().authorize(payment.call('authorize'));
    await provider.stop();
    await new Promise((resolve) => setTimeout(resolve, WEBHOOK_DELAY_MS * 2));
    expect(receiver.received).toEqual([]);
  });
});

describe('the local payment provider with a state file (a persisted runtime)', () => {
  it('still knows the payments of the previous run: they can be refunded, and new ids do not collide', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'payment-provider-'));
    try {
      const stateFile = join(folder, 'payment-provider.json');
      await startProvider({ stateFile });
      const before = newPayment('tok_visa');
      await before.create();
      await sandbox().authorize(before.call('authorize'));
      await sandbox().capture(before.call('capture'));
      await provider.stop();

      await startProvider({ stateFile });
      await expect(sandbox().refund(before.call('refund'))).resolves.toEqual({ status: 'refunded' });
      const after = newPayment('tok_visa');
      await after.create();
      await sandbox().authorize(after.call('authorize'));
      expect(provider.intentsFor(after.payment.id)[0]!.id).not.toBe(provider.intentsFor(before.payment.id)[0]!.id);
    } finally {
      await provider.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the local payment provider with a state file, killed (kill -9: no stop)', () => {
  it('has written every change as it was made: after a restart its keys replay and the webhook it still owed goes out', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'payment-provider-'));
    try {
      const stateFile = join(folder, 'payment-provider.json');
      // Long enough that the first run is gone before its webhook was due.
      const webhook = { url: receiver.url, secret: async () => WEBHOOK_SECRET, delayMs: 1500 };
      await startProvider({ stateFile, webhook });
      const waiting = newPayment('tok_async');
      await waiting.create();
      await expect(sandbox().authorize(waiting.call('authorize'))).resolves.toMatchObject({ status: 'pending' });
      // What a kill leaves on disk is what was written by now; the stop's own write is set aside.
      const atKill = readFileSync(stateFile, 'utf8');
      await provider.stop();
      writeFileSync(stateFile, atKill);
      expect(receiver.received).toEqual([]);

      await startProvider({ stateFile, webhook });
      // The same key answers the same authorization, without a second intent.
      await expect(sandbox().authorize(waiting.call('authorize'))).resolves.toMatchObject({ status: 'pending' });
      expect(provider.intentsFor(waiting.payment.id)).toHaveLength(1);
      provider.sendOwedWebhooks();
      for (let waited = 0; receiver.received.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'payment.authorized', data: { paymentId: waiting.payment.id } });
      expect(readdirSync(folder)).toEqual(['payment-provider.json']);
    } finally {
      await provider.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the local payment provider with a failure rate', () => {
  it('fails that share of calls with a transient error that says fault injection, before keeping anything', async () => {
    const draws = [0.1, 0.9, 0.9];
    await startProvider({ failureRate: 0.5, random: () => draws.shift() ?? 0.9 });
    const { payment, call } = newPayment('tok_visa');
    const error = await failure(sandbox().create(call('create')));
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect(error!.message).toMatch(/fault injection/);
    expect(provider.intentsFor(payment.id)).toEqual([]);
    // The retry with the same key really creates it (the fault was not kept as the key's answer).
    await expect(sandbox().create(call('create'))).resolves.toEqual({ providerPaymentId: expect.stringMatching(/^pi_/) });
    expect(provider.intentsFor(payment.id)).toHaveLength(1);
  });
});

describe("the local payment provider's fault control (POST /_local/payment-provider/faults)", () => {
  beforeEach(() => startProvider());

  /** A payment created and authorized at the provider, ready to capture. */
  async function authorizedPayment() {
    const payment = newPayment('tok_visa');
    await payment.create();
    await sandbox().authorize(payment.call('authorize'));
    return payment;
  }

  const quick = () => new HttpPaymentProvider({ baseUrl: provider.url, apiKey: async () => API_KEY, timeoutMs: 150 });

  it('lost-response: the provider acts, the answer never arrives (the caller times out); the retry with the same key gets the kept answer', async () => {
    const { payment, call } = await authorizedPayment();
    provider.injectFault('capture', 'lost-response', 1);
    const error = await failure(quick().capture(call('capture')));
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect(error!.message).toMatch(/timed out/);
    // Captured all the same: the provider's own ledger says so.
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'succeeded', amountRefunded: 0 });
    await expect(quick().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    expect(provider.armedFaults()).toEqual([]);
  });

  it('timeout: the provider neither acts nor answers', async () => {
    const { payment, call } = await authorizedPayment();
    provider.injectFault('void', 'timeout', 1);
    await expect(quick().void(call('void'))).rejects.toThrow(/timed out/);
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'requires_capture' });
    await expect(quick().void(call('void'))).resolves.toEqual({ status: 'voided' });
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'canceled' });
  });

  it('error: a 500 without acting, for exactly the next n calls of that operation only', async () => {
    const { payment, call } = await authorizedPayment();
    provider.injectFault('refund', 'error', 2);
    provider.injectFault('capture', 'error', 1);
    expect(provider.armedFaults()).toEqual([
      { operation: 'refund', fault: 'error', remaining: 2 },
      { operation: 'capture', fault: 'error', remaining: 1 },
    ]);
    await expect(sandbox().capture(call('capture'))).rejects.toMatchObject({ name: 'PaymentProviderUnavailable', message: expect.stringMatching(/HTTP 500/) });
    await expect(sandbox().capture(call('capture'))).resolves.toEqual({ status: 'captured' });
    await expect(sandbox().refund(call('refund'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(sandbox().refund(call('refund'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'succeeded', amountRefunded: 0 });
    await expect(sandbox().refund(call('refund'))).resolves.toEqual({ status: 'refunded' });
    expect(provider.paymentView(payment.id)).toMatchObject({ status: 'succeeded', amountRefunded: 4200 });
  });

  it('authorize means the confirm: creating and reading an intent are never faulted; clearing disarms everything', async () => {
    const { payment, call, create } = newPayment('tok_visa');
    provider.injectFault('authorize', 'error', 5);
    await create();
    await expect(sandbox().inspect(payment)).resolves.toEqual({ status: 'created' });
    await expect(sandbox().authorize(call('authorize'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    expect(provider.armedFaults()).toEqual([{ operation: 'authorize', fault: 'error', remaining: 4 }]);
    provider.clearFaults();
    expect(provider.armedFaults()).toEqual([]);
    await expect(sandbox().authorize(call('authorize'))).resolves.toEqual({ status: 'authorized', replayed: false });
  });

  it('shows its own view of a payment: intent, status, amount, amount refunded', async () => {
    const { payment, call, create } = newPayment('tok_visa');
    expect(provider.paymentView(payment.id)).toBeUndefined();
    const intentId = await create();
    expect(provider.paymentView(payment.id)).toEqual({ intentId, status: 'requires_confirmation', amount: 4200, amountRefunded: 0 });
    await sandbox().authorize(call('authorize'));
    expect(provider.paymentView(payment.id)).toEqual({ intentId, status: 'requires_capture', amount: 4200, amountRefunded: 0 });
  });
});
