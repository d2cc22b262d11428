import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SagaHarness } from './support/saga-harness';
import { windowCounts, type CircuitSettings, type CircuitState } from '#payments/domain/circuit-breaker';
import type { PaymentProvider, ProviderCall, ProviderPayment } from '#payments/domain/payment-provider';

/**
 * The payment provider's circuit breaker with its state in the real table (DynamoDB Local), shared by
 * every caller: first driven directly with a scripted provider and a hand-moved clock, then through the
 * saga with the simulator.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let modules: {
  CircuitBreaker: typeof import('#payments/adapters/circuit-breaker-guard').CircuitBreaker;
  CircuitBreakerStore: typeof import('#payments/adapters/circuit-breaker-store').CircuitBreakerStore;
  circuitStateOf: typeof import('#payments/adapters/circuit-breaker-store').circuitStateOf;
  CircuitBreakingPaymentProvider: typeof import('#payments/adapters/circuit-breaker-payment-provider').CircuitBreakingPaymentProvider;
  PaymentDeclined: typeof import('#payments/domain/payment-errors').PaymentDeclined;
  PaymentProviderUnavailable: typeof import('#payments/domain/payment-errors').PaymentProviderUnavailable;
  documentClient: DynamoDBDocumentClient;
};

beforeAll(async () => {
  saga = await SagaHarness.start('breaker');
  modules = {
    CircuitBreaker: (await import('#payments/adapters/circuit-breaker-guard')).CircuitBreaker,
    CircuitBreakerStore: (await import('#payments/adapters/circuit-breaker-store')).CircuitBreakerStore,
    circuitStateOf: (await import('#payments/adapters/circuit-breaker-store')).circuitStateOf,
    CircuitBreakingPaymentProvider: (await import('#payments/adapters/circuit-breaker-payment-provider')).CircuitBreakingPaymentProvider,
    PaymentDeclined: (await import('#payments/domain/payment-errors')).PaymentDeclined,
    PaymentProviderUnavailable: (await import('#payments/domain/payment-errors')).PaymentProviderUnavailable,
    documentClient: (await import('#shared/aws/document-client')).documentClient,
  };
});
afterAll(async () => saga?.stop());

const settings: CircuitSettings = { failureThreshold: 3, failureWindowMs: 60_000, openMs: 30_000, probeLeaseMs: 10_000 };

type Script = 'ok' | 'replayed' | 'down' | 'decline' | 'hang';

/** A provider whose every operation answers as the script says (or a script per call); counts the calls that reached it. */
class ScriptedProvider implements PaymentProvider {
  calls = 0;
  /** Answers after this long (ms), for calls that overlap. */
  latency: () => number = () => 0;
  constructor(public script: Script | (() => Script) = 'ok') {}
  private async answer<T>(value: T): Promise<T> {
    this.calls += 1;
    const script = typeof this.script === 'function' ? this.script() : this.script;
    const delay = this.latency();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (script === 'down') throw new modules.PaymentProviderUnavailable('down');
    if (script === 'decline') throw new modules.PaymentDeclined('card_declined');
    if (script === 'hang') return new Promise<T>(() => undefined);
    if (script === 'replayed') return { ...value, replayed: true };
    return value;
  }
  create = (_: ProviderCall) => this.answer({ providerPaymentId: 'pi_scripted' });
  authorize = (_: ProviderCall) => this.answer({ status: 'authorized' as const });
  capture = (_: ProviderCall) => this.answer({ status: 'captured' as const });
  void = (_: ProviderCall) => this.answer({ status: 'voided' as const });
  refund = (_: ProviderCall) => this.answer({ status: 'refunded' as const });
  inspect = (_: ProviderPayment) => this.answer({ status: 'created' as const });
}

/** The outcomes the circuit counts in its window now (a closed circuit), or its status. */
const counted = (state: CircuitState, now: number) => (state.status === 'closed' ? windowCounts(state, now, settings) : state.status);

/** The stage's default threshold: what the concurrency runs below are about. */
const stageSettings: CircuitSettings = { ...settings, failureThreshold: 10 };

let circuitNumber = 0;

/** A provider behind its own circuit (own item in the table) and a clock the test moves. */
function guarded(script: Script = 'ok', options: { tableName?: string; timeoutMs?: number; settings?: CircuitSettings } = {}) {
  const clock = { now: 1_700_000_000_000 };
  const inner = new ScriptedProvider(script);
  const store = new modules.CircuitBreakerStore(modules.documentClient, () => options.tableName ?? saga.tableName, `test-${++circuitNumber}`);
  const breaker = new modules.CircuitBreaker(
    store,
    () => options.settings ?? settings,
    () => clock.now,
  );
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
    expect([await attempt(), await attempt(), await attempt()]).toEqual([
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
    ]);
    expect(await store.read()).toMatchObject({ status: 'open' });

    inner.script = 'ok';
    expect(await attempt()).toBe('fast-fail');
    expect(inner.calls).toBe(3);
  });

  it('a healthy provider costs no writes; the successes an instance saw go out with its next failure', async () => {
    const { clock, inner, store, attempt } = guarded('ok');
    for (let i = 0; i < 5; i++) await attempt();
    expect(await store.read()).toEqual({ status: 'closed', buckets: {} });
    inner.script = 'down';
    await attempt();
    expect(counted(await store.read(), clock.now)).toEqual({ failures: 1, successes: 5 });
  });

  it('declines count as healthy; it opens once the threshold is reached and failures are at least half of the window', async () => {
    const { clock, inner, store, attempt } = guarded('down');
    await attempt();
    await attempt();
    inner.script = 'decline';
    for (let i = 0; i < 4; i++) expect(await attempt()).toBe('PaymentDeclined');
    inner.script = 'down';
    // The threshold's 3 failures, but fewer than half of the window's outcomes: still closed.
    expect(await attempt()).toBe('PaymentProviderUnavailable');
    expect(counted(await store.read(), clock.now)).toEqual({ failures: 3, successes: 4 });
    // A 4th failure makes them half: open.
    expect(await attempt()).toBe('PaymentProviderUnavailable');
    expect(await store.read()).toMatchObject({ status: 'open' });
  });

  it("authorizations the provider replays from its idempotency record are not counted as healthy: a retried step's replays cannot hide an outage", async () => {
    const { inner, store, attempt } = guarded('ok');
    inner.script = () => (inner.calls % 2 === 1 ? 'replayed' : 'down');
    // Each round of a retried step: the authorization replayed (an answer from the provider's record), then the next call failing.
    const answers: string[] = [];
    for (let i = 0; i < 6 && !answers.includes('fast-fail'); i++) answers.push(await attempt());
    expect(answers).toEqual(['ok', 'PaymentProviderUnavailable', 'ok', 'PaymentProviderUnavailable', 'ok', 'PaymentProviderUnavailable']);
    expect(await store.read()).toMatchObject({ status: 'open' });
  });

  it('failures further apart than the window do not add up', async () => {
    const { clock, store, attempt } = guarded('down');
    for (let i = 0; i < 5; i++) {
      await attempt();
      clock.now += settings.failureWindowMs + 1;
    }
    clock.now -= settings.failureWindowMs + 1;
    expect(counted(await store.read(), clock.now)).toEqual({ failures: 1, successes: 0 });
  });

  it('a call that does not answer in time counts as a transient failure', async () => {
    const { clock, store, attempt } = guarded('hang', { timeoutMs: 20 });
    expect(await attempt()).toBe('PaymentProviderUnavailable');
    expect(counted(await store.read(), clock.now)).toEqual({ failures: 1, successes: 0 });
  });

  it('concurrent failures from many callers are all counted and open it once', async () => {
    const { store, attempt } = guarded('down');
    await Promise.all(Array.from({ length: 10 }, attempt));
    expect(await store.read()).toMatchObject({ status: 'open', openUntil: 1_700_000_000_000 + settings.openMs });
  });

  it('many concurrent callers with a fifth of the calls failing never open it, however the answers interleave', async () => {
    const { clock, inner, store, attempt } = guarded('ok', { settings: stageSettings });
    // Exactly every fifth call fails; answers come back after 0-4 ms, so failures and successes overlap.
    let call = 0;
    inner.script = () => (++call % 5 === 0 ? 'down' : 'ok');
    let seed = 7;
    inner.latency = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % 5;
    };
    const answers: string[] = [];
    const caller = async () => {
      for (let i = 0; i < 10; i++) answers.push(await attempt());
    };
    await Promise.all(Array.from({ length: 30 }, caller));

    expect(answers).toHaveLength(300);
    expect(answers.filter((answer) => answer === 'fast-fail')).toEqual([]);
    expect(answers.filter((answer) => answer === 'PaymentProviderUnavailable')).toHaveLength(60);
    const state = await store.read();
    expect(state.status).toBe('closed');
    const { failures, successes } = counted(state, clock.now) as { failures: number; successes: number };
    expect(failures).toBe(60);
    // Every success is counted: at once while failures are in the window, else with the next failure.
    expect(successes).toBeGreaterThan(3 * failures);
  });

  it('one burst of parallel calls with a fifth failing never opens it, although every call was admitted before any failure', async () => {
    const { clock, inner, store, attempt } = guarded('ok', { settings: stageSettings });
    let call = 0;
    inner.script = () => (++call % 5 === 0 ? 'down' : 'ok');
    let seed = 3;
    inner.latency = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % 10;
    };

    const answers = await Promise.all(Array.from({ length: 100 }, attempt));

    expect(answers.filter((answer) => answer === 'PaymentProviderUnavailable')).toHaveLength(20);
    const state = await store.read();
    expect(state.status).toBe('closed');
    // Each failure carried the successes seen before it; the last successes are still to be written.
    expect(counted(state, clock.now)).toMatchObject({ failures: 20, successes: expect.any(Number) });
    expect(await attempt()).not.toBe('fast-fail');
  });

  it('concurrent callers all failing reach the threshold within the window and open it', async () => {
    const { inner, store, attempt } = guarded('down', { settings: stageSettings });
    let seed = 11;
    inner.latency = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % 5;
    };
    const answers = await Promise.all(Array.from({ length: 30 }, attempt));
    expect(answers.filter((answer) => answer === 'PaymentProviderUnavailable').length).toBeGreaterThanOrEqual(stageSettings.failureThreshold);
    expect(await store.read()).toMatchObject({ status: 'open' });
    expect(await attempt()).toBe('fast-fail');
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
    expect(await store.read()).toEqual({ status: 'closed', buckets: {} });
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
    expect(await saga.item(circuitKey.pk, circuitKey.sk)).toMatchObject({ state: 'closed' });
    expect(modules.circuitStateOf(await saga.item(circuitKey.pk, circuitKey.sk))).toEqual({ status: 'closed', buckets: {} });
    expect(await saga.accountedStock('SKU-BRK', ['order-outage', 'order-during', 'order-after'])).toBe(10);
  });
});
