import type { ProviderWebhookEvent } from '#contracts/payment-provider/webhook-delivery';
import { PaymentSimulator } from '#payments/adapters/payment-simulator';
import { PaymentDeclined, PaymentProviderUnavailable } from '#payments/domain/payment-errors';
import type { ProviderCall } from '#payments/domain/payment-provider';

let keys = 0;
const call = (token: string, paymentId = `p-${token}`, idempotencyKey = `key-${++keys}`): ProviderCall => ({
  payment: { id: paymentId, amount: 1000, currency: 'EUR', token },
  idempotencyKey,
});

describe('PaymentSimulator', () => {
  it('tok_visa authorizes, captures, refunds and voids', async () => {
    const simulator = new PaymentSimulator();
    await expect(simulator.authorize(call('tok_visa'))).resolves.toEqual({ status: 'authorized' });
    await expect(simulator.capture(call('tok_visa'))).resolves.toEqual({ status: 'captured' });
    await expect(simulator.refund(call('tok_visa'))).resolves.toEqual({ status: 'refunded' });
    await expect(simulator.void(call('tok_visa', 'other'))).resolves.toEqual({ status: 'voided' });
  });

  it.each([
    ['tok_declined', 'card_declined'],
    ['tok_insufficient_funds', 'insufficient_funds'],
    ['tok_nonsense', 'invalid_token'],
  ])('%s is declined (%s), a business failure named PaymentDeclined', async (token, reason) => {
    const simulator = new PaymentSimulator();
    const failure = simulator.authorize(call(token));
    await expect(failure).rejects.toBeInstanceOf(PaymentDeclined);
    await expect(failure).rejects.toMatchObject({ name: 'PaymentDeclined', reason });
    // Voiding what was never authorized is harmless.
    await expect(simulator.void(call(token))).resolves.toEqual({ status: 'voided' });
  });

  it('tok_flaky fails transiently twice per payment, then succeeds', async () => {
    const simulator = new PaymentSimulator();
    const retried = call('tok_flaky', 'flaky-1', 'authorize-flaky-1');
    await expect(simulator.authorize(retried)).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
    await expect(simulator.authorize(retried)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(simulator.authorize(retried)).resolves.toEqual({ status: 'authorized' });
    // Counted per payment: another payment starts again, this one stays healthy.
    await expect(simulator.capture(call('tok_flaky', 'flaky-1'))).resolves.toEqual({ status: 'captured' });
    await expect(simulator.authorize(call('tok_flaky', 'flaky-2'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('tok_unavailable always fails transiently, its creation included', async () => {
    const simulator = new PaymentSimulator();
    await expect(simulator.create(call('tok_unavailable', 'u'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(simulator.authorize(call('tok_unavailable', 'u', 'same-key'))).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
    }
    await expect(simulator.void(call('tok_unavailable', 'u'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('tok_async answers pending and completes the authorization through one webhook event', async () => {
    const sent: ProviderWebhookEvent[] = [];
    const simulator = new PaymentSimulator({ sendWebhook: (event) => sent.push(event) });
    const authorization = call('tok_async', 'async-1', 'authorize-async-1');
    await expect(simulator.authorize(authorization)).resolves.toEqual({ status: 'pending' });
    await expect(simulator.authorize(authorization)).resolves.toEqual({ status: 'pending' });
    expect(sent).toEqual([{ id: expect.stringMatching(/^evt_[0-9A-Z]{26}$/), type: 'payment.authorized', data: { paymentId: 'async-1' } }]);
  });

  it('is idempotent per key: the same refund key twice refunds once', async () => {
    const simulator = new PaymentSimulator();
    const refund = call('tok_visa', 'p1', 'refund-p1');
    await expect(simulator.refund(refund)).resolves.toEqual({ status: 'refunded' });
    await expect(simulator.refund(refund)).resolves.toEqual({ status: 'refunded' });
    expect(simulator.effects('refund', 'p1')).toBe(1);
    expect(simulator.calls({ paymentId: 'p1' }).map((c) => c.outcome)).toEqual(['succeeded', 'replayed']);
  });

  it('answers a second full refund under another key with the refund already made, refunding nothing more', async () => {
    const simulator = new PaymentSimulator();
    await simulator.refund(call('tok_visa', 'p1', 'first'));
    await expect(simulator.refund(call('tok_visa', 'p1', 'second'))).resolves.toEqual({ status: 'refunded' });
    expect(simulator.statusOf('p1')).toBe('refunded');
  });

  it('creates a payment (sim_<id>), and answers inspect with what it saw happen to it', async () => {
    const simulator = new PaymentSimulator();
    const payment = { id: 'i1', amount: 1000, currency: 'EUR', token: 'tok_visa' };
    await expect(simulator.inspect(payment)).resolves.toEqual({ status: 'not-created' });
    const { providerPaymentId } = await simulator.create({ payment, idempotencyKey: 'create-i1' });
    expect(providerPaymentId).toBe('sim_i1');
    const created = { ...payment, providerPaymentId };
    await expect(simulator.inspect(created)).resolves.toEqual({ status: 'created' });
    await simulator.authorize({ payment: created, idempotencyKey: 'authorize-i1' });
    await expect(simulator.inspect(created)).resolves.toEqual({ status: 'authorized' });
    await simulator.capture({ payment: created, idempotencyKey: 'capture-i1' });
    await expect(simulator.inspect(created)).resolves.toEqual({ status: 'captured' });
    // Like a real provider, it will not void what it captured.
    await expect(simulator.void({ payment: created, idempotencyKey: 'void-i1' })).rejects.toMatchObject({
      name: 'PaymentProviderRejected',
      code: 'payment_intent_unexpected_state',
    });
    await simulator.refund({ payment: created, idempotencyKey: 'refund-i1' });
    await expect(simulator.inspect(created)).resolves.toEqual({ status: 'refunded' });
    // A payment another sandbox created: this one knows nothing more about it.
    await expect(simulator.inspect({ ...payment, id: 'elsewhere', providerPaymentId: 'sim_elsewhere' })).resolves.toEqual({ status: 'created' });
  });

  it('gives a kept decline again for its key, and refuses a key reused for another operation', async () => {
    const simulator = new PaymentSimulator();
    const declined = call('tok_declined', 'd1', 'k-d1');
    await expect(simulator.authorize(declined)).rejects.toBeInstanceOf(PaymentDeclined);
    await expect(simulator.authorize(declined)).rejects.toBeInstanceOf(PaymentDeclined);
    expect(simulator.calls({ paymentId: 'd1' }).map((c) => c.outcome)).toEqual(['declined', 'replayed']);
    await expect(simulator.capture(declined)).rejects.toThrow(/first used to authorize/);
  });

  it('does not keep a transient failure: a retry under the same key tries again', async () => {
    const simulator = new PaymentSimulator();
    const capture = call('tok_flaky', 'f', 'capture-f');
    await expect(simulator.capture(capture)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(simulator.capture(capture)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(simulator.capture(capture)).resolves.toEqual({ status: 'captured' });
    expect(simulator.calls({ paymentId: 'f' }).map((c) => c.outcome)).toEqual(['unavailable', 'unavailable', 'succeeded']);
  });

  it('fails the chosen share of calls transiently (fault injection), whatever the token, and a retry tries again', async () => {
    const coins = [0.1, 0.9, 0.1, 0.9];
    const simulator = new PaymentSimulator({ failureRate: 0.5, random: () => coins.shift() ?? 0.9 });
    const authorize = call('tok_visa', 'r', 'authorize-r');
    await expect(simulator.authorize(authorize)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(simulator.authorize(authorize)).resolves.toEqual({ status: 'authorized' });
    const capture = call('tok_visa', 'r', 'capture-r');
    await expect(simulator.capture(capture)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(simulator.capture(capture)).resolves.toEqual({ status: 'captured' });
    expect(simulator.effects('capture', 'r')).toBe(1);
    expect(simulator.calls({ paymentId: 'r' }).map((c) => c.outcome)).toEqual(['unavailable', 'succeeded', 'unavailable', 'succeeded']);
  });
});
