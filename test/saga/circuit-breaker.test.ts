import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SagaHarness } from './support/saga-harness';
import type { CircuitSettings } from '../../functions/payments/domain/circuit-breaker';
import type { PaymentProvider, ProviderCall } from '../../functions/payments/domain/payment-provider';

/**
 * The payment provider's circuit breaker with its state in the real table (DynamoDB Local), shared by
 * every caller: first driven directly with a scripted provider and a hand-moved clock, then through the
 * saga with the simulator.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let modules: {
  CircuitBreaker: typeof import('../../functions/payments/adapters/circuit-breaker-guard').CircuitBreaker;
  CircuitBreakerStore: typeof import('../../functions/payments/adapters/circuit-breaker-store').CircuitBreakerStore;
  CircuitBreakingPaymentProvider: typeof import('../../functions/payments/adapters/circuit-breaker-payment-provider').CircuitBreakingPaymentProvider;
  PaymentDeclined: typeof import('../../functions/payments/domain/payment-errors').PaymentDeclined;
  PaymentProviderUnavailable: typeof import('../../functions/payments/domain/payment-errors').PaymentProviderUnavailable;
  documentClient: DynamoDBDocumentClient;
};

beforeAll(async () => {
  saga = await SagaHarness.start('breaker');
  modules = {
    CircuitBreaker: (await import('../../functions/payments/adapters/circuit-breaker-guard')).CircuitBreaker,
    CircuitBreakerStore: (await import('../../functions/payments/adapters/circuit-breaker-store')).CircuitBreakerStore,
    CircuitBreakingPaymentProvider: (await import('../../functions/payments/adapters/circuit-breaker-payment-provider')).CircuitBreakingPaymentProvider,
    PaymentDeclined: (await import('../../functions/payments/domain/payment-errors')).PaymentDeclined,
    PaymentProviderUnavailable: (await import('../../functions/payments/domain/payment-errors')).PaymentProviderUnavailable,
    documentClient: (await import('../../functions/shared/aws/document-client')).documentClient,
  };
});
afterAll(async () => saga?.stop());

const settings: CircuitSettings = { failureThreshold: 3, failureWindowMs: 60_000, openMs: 30_000, probeLeaseMs: 10_000 };

type Script = 'ok' | 'down' | 'decline' | 'hang';

/** A provider whose every operation answers as the script says; counts the calls that reached it. */
class ScriptedProvider implements PaymentProvider {
  calls = 0;
  constructor(public script: Script = 'ok') {}
  private async answer<T>(value: T): Promise<T> {
    this.calls += 1;
    if (this.script === 'down') throw new modules.PaymentProviderUnavailable('down');
    if (this.script === 'decline') throw new modules.PaymentDeclined('card_declined');
    if (this.script === 'hang') return new Promise<T>(() => undefined);
    return value;
  }
  authorize = (_: ProviderCall) => this.answer({ status: 'authorized' as const });
  capture = (_: ProviderCall) => this.answer({ status: 'captured' as const });
  void = (_: ProviderCall) => this.answer({ status: 'voided' as const });
  refund = (_: ProviderCall) => this.answer({ status: 'refunded' as const });
}

let circuitNumber = 0;

/** A provider behind its own circuit (own item in the table) and a clock the test moves. */
function guarded(script: Script = 'ok', options: { tableName?: string; timeoutMs?: number } = {}) {
  const clock = { now: 1_700_000_000_000 };
  const inner = new ScriptedProvider(script);
  const store = new modules.CircuitBreakerStore(modules.documentClient, () => options.tableName ?? saga.tableName, `test-${++circuitNumber}`);
  const breaker = new modules.CircuitBreaker(store, () => settings, () => clock.now);
  const provider = new modules.CircuitBreakingPaymentProvider(inner, breaker, () => options.timeoutMs ?? 2000);
  const call: ProviderCall = { payment: { id: 'p', amount: 1, currency: 'EUR', token: 't' }, idempotencyKey: 'k' };
  const attempt = () =>
    provider.authorize(call).then(
      () => 'ok',
      (error: Error) => (error.message.includes('circuit is open') ? 'fast-fail' : error.name),
    );
  return { clock, inner, store, attempt };
}

describe('closed', () => {
  it('opens after the threshold of transient failures in a row, then fails fast without calling the provider', async () => {
    const { inner, store, attempt } = guarded('down');
    expect([await attempt(), await attempt(), await attempt()]).toEqual(['PaymentProviderUnavailable', 'PaymentProviderUnavailable', 'PaymentProviderUnavailable']);
    expect(await store.read()).toMatchObject({ status: 'open' });

    inner.script = 'ok';
    expect(await attempt()).toBe('fast-fail');
    expect(inner.calls).toBe(3);
  });

  it('a healthy answer ends a run of failures; declines count as healthy', async () => {
    const { inner, store, attempt } = guarded('down');
    await attempt();
    await attempt();
    inner.script = 'decline';
    expect(await attempt()).toBe('PaymentDeclined');
    inner.script = 'down';
    await attempt();
    await attempt();
    expect(await store.read()).toEqual({ status: 'closed', failures: 2, lastFailureAt: expect.any(Number) });
    inner.script = 'decline';
    for (let i = 0; i < 5; i++) await attempt();
    expect(await store.read()).toMatchObject({ status: 'closed', failures: 0 });
  });

  it('failures further apart than the window do not add up', async () => {
    const { clock, store, attempt } = guarded('down');
    for (let i = 0; i < 5; i++) {
      await attempt();
      clock.now += settings.failureWindowMs + 1;
    }
    expect(await store.read()).toMatchObject({ status: 'closed', failures: 1 });
  });

  it('a call that does not answer in time counts as a transient failure', async () => {
    const { store, attempt } = guarded('hang', { timeoutMs: 20 });
    expect(await attempt()).toBe('PaymentProviderUnavailable');
    expect(await store.read()).toMatchObject({ status: 'closed', failures: 1 });
  });

  it('concurrent failures from many callers are all counted and open it once', async () => {
    const { store, attempt } = guarded('down');
    await Promise.all(Array.from({ length: 10 }, attempt));
    expect(await store.read()).toMatchObject({ status: 'open', openUntil: 1_700_000_000_000 + settings.openMs });
  });

  it('fails open: with its table unreachable the breaker lets calls through', async () => {
    const { inner, attempt } = guarded('ok', { tableName: 'no-such-table' });
    expect(await attempt()).toBe('ok');
    expect(inner.calls).toBe(1);
  });
});

describe('open and half-open', () => {
  async function opened() {
    const circuit = guarded('down');
    for (let i = 0; i < settings.failureThreshold; i++) await circuit.attempt();
    circuit.inner.calls = 0;
    return circuit;
  }

  it('after the open time, exactly one of many concurrent callers probes; its success closes the circuit', async () => {
    const { clock, inner, store, attempt } = await opened();
    clock.now += settings.openMs;
    inner.script = 'ok';

    const answers = await Promise.all(Array.from({ length: 6 }, attempt));

    expect(answers.filter((answer) => answer === 'ok')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 'fast-fail')).toHaveLength(5);
    expect(inner.calls).toBe(1);
    expect(await store.read()).toMatchObject({ status: 'closed', failures: 0 });
    expect(await attempt()).toBe('ok');
  });

  it('a failed probe opens it again for the open time', async () => {
    const { clock, inner, store, attempt } = await opened();
    clock.now += settings.openMs;
    expect(await attempt()).toBe('PaymentProviderUnavailable');
    expect(await store.read()).toEqual({ status: 'open', openUntil: clock.now + settings.openMs });
    inner.script = 'ok';
    expect(await attempt()).toBe('fast-fail');
  });

  it('a probe whose caller died frees the circuit after its lease', async () => {
    const { clock, inner, store, attempt } = await opened();
    clock.now += settings.openMs;
    expect(await store.claimProbe(clock.now, settings)).toBe(true);
    inner.script = 'ok';
    expect(await attempt()).toBe('fast-fail');
    clock.now += settings.probeLeaseMs;
    expect(await attempt()).toBe('ok');
    expect(await store.read()).toMatchObject({ status: 'closed' });
  });
});

describe('in the saga', () => {
  const circuitKey = { pk: 'CIRCUIT#payment-provider', sk: 'CIRCUIT' };

  beforeEach(async () => {
    await saga.documentClient.send(new DeleteCommand({ TableName: saga.tableName, Key: circuitKey }));
    Object.assign(process.env, { PAYMENT_CIRCUIT_FAILURE_THRESHOLD: '3', PAYMENT_CIRCUIT_OPEN_SECONDS: '1' });
  });
  afterAll(() => {
    process.env.PAYMENT_CIRCUIT_FAILURE_THRESHOLD = '1000';
  });

  it('an outage opens the shared circuit; the next order fails fast into payment_unavailable; after the open time a probe closes it', async () => {
    await saga.putProduct('SKU-BRK', 10);
    await saga.placeOrder('order-outage', [{ sku: 'SKU-BRK', quantity: 1 }], 'tok_unavailable');
    await saga.placeOrder('order-during', [{ sku: 'SKU-BRK', quantity: 1 }], 'tok_visa');
    await saga.placeOrder('order-after', [{ sku: 'SKU-BRK', quantity: 1 }], 'tok_visa');

    expect((await saga.runSaga('order-outage')).execution.output).toMatchObject({ cancellationReason: 'payment_unavailable' });
    expect(await saga.item(circuitKey.pk, circuitKey.sk)).toMatchObject({ state: 'open', entity: 'circuitBreaker' });

    const during = await saga.runSaga('order-during');
    expect(during.attempts.TakePayment).toBe(4);
    expect(during.execution.output).toMatchObject({ cancellationReason: 'payment_unavailable', stock: 'released', paymentStatus: 'voided' });
    // Failing fast: not one call of that order reached the provider.
    expect(saga.simulator.calls({ paymentId: 'pay-order-during' })).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await saga.runSaga('order-after')).execution.output).toEqual({ orderId: 'order-after', status: 'confirmed' });
    expect(await saga.item(circuitKey.pk, circuitKey.sk)).toMatchObject({ state: 'closed', failures: 0 });
    expect(await saga.accountedStock('SKU-BRK', ['order-outage', 'order-during', 'order-after'])).toBe(10);
  });
});
