import type { EventRuleSpec, RetryPolicySpec } from '#contracts/wiring';
import { LocalServiceError } from '#local/aws-api/service-error';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';
import { type CarriedEvent, LocalEventBus, type LocalEventBusOptions, type PutEventsRequestEntry } from '#local/eventbridge/local-event-bus';
import { retryDelayMs } from '#local/eventbridge/retry-backoff';

const BUS = 'ordersaga-bus';
const BUS_ARN = `arn:aws:events:us-east-1:000000000000:event-bus/${BUS}`;
const retry = (maximumRetryAttempts = 2, maximumEventAgeSeconds = 3600): RetryPolicySpec => ({
  maximumRetryAttempts,
  maximumEventAgeSeconds,
});

const ok = (payload: unknown = null): InvokeResult => ({ ok: true, payload, durationMs: 1 });
const failed = (errorMessage = 'boom', errorType = 'Error'): InvokeResult => ({
  ok: false,
  error: { errorType, errorMessage },
  durationMs: 1,
});

type Behaviour = (event: CarriedEvent, attempt: number) => InvokeResult | Promise<InvokeResult>;

/** A FunctionInvoker that records calls and answers per function id (success by default). */
class FakeInvoker implements FunctionInvoker {
  readonly calls: { functionId: string; event: CarriedEvent; invocationType?: string }[] = [];
  private readonly behaviours = new Map<string, Behaviour>();

  on(functionId: string, behaviour: Behaviour): this {
    this.behaviours.set(functionId, behaviour);
    return this;
  }

  callsTo(functionId: string): CarriedEvent[] {
    return this.calls.filter((c) => c.functionId === functionId).map((c) => c.event);
  }

  async invoke(functionId: string, event: unknown, options: { invocationType?: string } = {}): Promise<InvokeResult> {
    this.calls.push({ functionId, event: event as CarriedEvent, invocationType: options.invocationType });
    const behaviour = this.behaviours.get(functionId);
    return behaviour ? behaviour(event as CarriedEvent, this.callsTo(functionId).length) : ok();
  }
}

const orderEvent = (detailType: string, data: Record<string, unknown> = {}, extra: Partial<PutEventsRequestEntry> = {}) => ({
  Source: 'ordersaga.orders',
  DetailType: detailType,
  Detail: JSON.stringify({ version: 1, id: 'evt-1', occurredAt: '2026-01-01T00:00:00Z', correlationId: 'c-1', data }),
  EventBusName: BUS,
  ...extra,
});

const rule = (id: string, eventPattern: Record<string, unknown>, targets: EventRuleSpec['targets']): EventRuleSpec => ({
  id,
  description: id,
  eventPattern,
  targets,
});

const buses: LocalEventBus[] = [];
const newBus = (options: Partial<LocalEventBusOptions> & Pick<LocalEventBusOptions, 'rules' | 'invoker'>) => {
  const bus = new LocalEventBus({ busName: BUS, retryBaseDelayMs: 5, ...options });
  buses.push(bus);
  return bus;
};

afterEach(() => {
  for (const bus of buses.splice(0)) bus.close();
});

describe('LocalEventBus delivery', () => {
  test('fans an event out to every matching rule and target, after putEvents has returned', async () => {
    const invoker = new FakeInvoker();
    const bus = newBus({
      invoker,
      rules: [
        rule('notifyCustomer', { source: ['ordersaga.orders'], 'detail-type': ['order.placed', 'order.shipped'] }, [
          { kind: 'function', functionId: 'notifyCustomer', retry: retry() },
          { kind: 'queue', queueId: 'auditQueue', retry: retry() },
        ]),
        rule('reserveStock', { 'detail-type': [{ prefix: 'order.' }], detail: { data: { total: [{ numeric: ['>', 0] }] } } }, [
          { kind: 'function', functionId: 'reserveStock', retry: retry() },
        ]),
        rule('lowStockAlert', { source: ['ordersaga.inventory'] }, [{ kind: 'function', functionId: 'lowStockAlert', retry: retry() }]),
      ],
    });

    const response = bus.putEvents({ Entries: [orderEvent('order.placed', { orderId: 'o-1', total: 42 })] });

    expect(response.FailedEntryCount).toBe(0);
    expect(invoker.calls).toHaveLength(0); // asynchronous, as in AWS
    await bus.idle();

    const [delivered] = invoker.callsTo('notifyCustomer');
    expect(invoker.callsTo('notifyCustomer')).toHaveLength(1);
    expect(invoker.callsTo('reserveStock')).toHaveLength(1);
    expect(invoker.callsTo('lowStockAlert')).toHaveLength(0);
    expect(bus.queueMessages('auditQueue')).toEqual([delivered]);
    expect(delivered).toEqual({
      version: '0',
      id: (response.Entries[0] as { EventId: string }).EventId,
      'detail-type': 'order.placed',
      source: 'ordersaga.orders',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [],
      detail: { version: 1, id: 'evt-1', occurredAt: '2026-01-01T00:00:00Z', correlationId: 'c-1', data: { orderId: 'o-1', total: 42 } },
    });
    expect(Object.keys(delivered)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(bus.deadLetters()).toEqual([]);
  });

  test('delivers nothing for an event no rule matches, but still records it as carried', async () => {
    const invoker = new FakeInvoker();
    const bus = newBus({
      invoker,
      rules: [rule('onlyPayments', { source: ['ordersaga.payments'] }, [{ kind: 'function', functionId: 'f', retry: retry() }])],
    });

    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();

    expect(invoker.calls).toEqual([]);
    expect(bus.carriedEvents().map((e) => e['detail-type'])).toEqual(['order.placed']);
  });

  test('invokes a function target asynchronously, as EventBridge invokes Lambda', async () => {
    const invoker = new FakeInvoker();
    const bus = newBus({ invoker, rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'f', retry: retry() }])] });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();
    expect(invoker.calls.map((call) => call.invocationType)).toEqual(['Event']);
  });

  // Below, an invoker that answers an error stands for Lambda refusing the delivery (no such function, a
  // throttle): the only failures the rule's retry policy covers. A function's own errors never reach the
  // bus: Lambda retries them (test/unit/local/lambda/lambda-limits.test.ts).
  test('retries a refused delivery and stops when it is accepted', async () => {
    const invoker = new FakeInvoker().on('flaky', (_e, attempt) => (attempt < 3 ? failed('not yet') : ok()));
    const bus = newBus({
      invoker,
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'flaky', retry: retry(5) }])],
    });

    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();

    const attempts = invoker.callsTo('flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((e) => e.id)).size).toBe(1); // the same event each time
    expect(bus.deadLetters()).toEqual([]);
  });

  test('dead-letters the event once the retries of a refused delivery are spent', async () => {
    const invoker = new FakeInvoker().on('broken', () => failed('Cannot read properties of undefined', 'TypeError'));
    const deadLetterLog: unknown[] = [];
    const bus = newBus({
      invoker,
      onDeadLetter: (letter) => deadLetterLog.push(letter),
      rules: [rule('notify', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'broken', retry: retry(2) }])],
    });

    bus.putEvents({ Entries: [orderEvent('order.cancelled')] });
    await bus.idle();

    expect(invoker.callsTo('broken')).toHaveLength(3); // first attempt + 2 retries
    const letters = bus.deadLetters();
    expect(letters).toEqual([
      {
        ruleId: 'notify',
        target: 'function:broken',
        event: bus.carriedEvents()[0],
        error: 'TypeError: Cannot read properties of undefined',
        attempts: 3,
        reason: 'RetriesExhausted',
      },
    ]);
    expect(deadLetterLog).toEqual(letters);
  });

  test('maximumRetryAttempts 0 dead-letters after the first failure', async () => {
    const invoker = new FakeInvoker().on('broken', () => failed());
    const bus = newBus({
      invoker,
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'broken', retry: retry(0) }])],
    });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();
    expect(invoker.callsTo('broken')).toHaveLength(1);
    expect(bus.deadLetters()[0]).toMatchObject({ attempts: 1, reason: 'RetriesExhausted' });
  });

  test('dead-letters the event when it grows older than maximumEventAgeSeconds', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const invoker = new FakeInvoker().on('slow', () => {
      now += 25_000; // each failed attempt takes 25 s of (fake) time
      return failed('timeout');
    });
    const bus = newBus({
      invoker,
      clock: () => new Date(now),
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'slow', retry: retry(185, 60) }])],
    });

    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();

    // 25 s, 50 s: still within 60 s; after the third attempt (75 s) no retry may start.
    expect(invoker.callsTo('slow')).toHaveLength(3);
    expect(bus.deadLetters()).toEqual([expect.objectContaining({ attempts: 3, reason: 'MaximumEventAgeExceeded', error: 'Error: timeout' })]);
  });

  test('a rejected invoke (no function host) counts as a failed delivery and is retried', async () => {
    const invoker = new FakeInvoker().on('missing', () => {
      throw new Error('No function "missing" in the catalogue');
    });
    const bus = newBus({
      invoker,
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'missing', retry: retry(1) }])],
    });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();
    expect(invoker.callsTo('missing')).toHaveLength(2);
    expect(bus.deadLetters()[0].error).toBe('Error: No function "missing" in the catalogue');
  });

  test('each target gets its own copy of the event', async () => {
    const invoker = new FakeInvoker().on('mutator', (event) => {
      (event.detail as Record<string, unknown>).tampered = true;
      return ok();
    });
    const bus = newBus({
      invoker,
      rules: [
        rule('r', { source: ['ordersaga.orders'] }, [
          { kind: 'function', functionId: 'mutator', retry: retry() },
          { kind: 'queue', queueId: 'q', retry: retry() },
        ]),
      ],
    });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();
    expect(bus.carriedEvents()[0].detail).not.toHaveProperty('tampered');
    expect((bus.queueMessages('q')[0] as CarriedEvent).detail).not.toHaveProperty('tampered');
  });

  test('carriedEvents lists events oldest first and filters by detail-type', () => {
    const bus = newBus({ invoker: new FakeInvoker(), rules: [] });
    bus.putEvents({ Entries: [orderEvent('order.placed'), orderEvent('order.confirmed')] });
    bus.putEvents({ Entries: [orderEvent('order.placed', { n: 2 })] });
    expect(bus.carriedEvents().map((e) => e['detail-type'])).toEqual(['order.placed', 'order.confirmed', 'order.placed']);
    expect(bus.carriedEvents({ detailType: 'order.placed' }).map((e) => (e.detail as { data: unknown }).data)).toEqual([{}, { n: 2 }]);
  });

  test('the entry Time becomes the event time (Date or epoch seconds), at second precision', () => {
    const bus = newBus({ invoker: new FakeInvoker(), rules: [] });
    bus.putEvents({
      Entries: [
        orderEvent('a', {}, { Time: new Date('2026-02-03T04:05:06.789Z') }),
        orderEvent('b', {}, { Time: Date.parse('2026-02-03T04:05:07Z') / 1000 }),
        orderEvent('c', {}, { Resources: ['arn:aws:dynamodb:us-east-1:000000000000:table/orders'] }),
      ],
    });
    const [a, b, c] = bus.carriedEvents();
    expect(a.time).toBe('2026-02-03T04:05:06Z');
    expect(b.time).toBe('2026-02-03T04:05:07Z');
    expect(c.resources).toEqual(['arn:aws:dynamodb:us-east-1:000000000000:table/orders']);
  });
});

describe('LocalEventBus PutEvents validation', () => {
  const bus = () => newBus({ invoker: new FakeInvoker(), rules: [] });

  const expectValidationException = (fn: () => unknown, message: RegExp) => {
    let thrown: unknown;
    try {
      fn();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(LocalServiceError);
    expect(thrown).toMatchObject({ code: 'ValidationException', httpStatus: 400 });
    expect((thrown as Error).message).toMatch(message);
  };

  test('more than 10 entries is a ValidationException for the whole request', () => {
    const entries = Array.from({ length: 11 }, () => orderEvent('order.placed'));
    expectValidationException(() => bus().putEvents({ Entries: entries }), /Member must have length less than or equal to 10/);
  });

  test('no entries, or no Entries at all, is a ValidationException', () => {
    expectValidationException(() => bus().putEvents({ Entries: [] }), /length greater than or equal to 1/);
    expectValidationException(() => bus().putEvents({} as never), /Member must not be null/);
  });

  test('entries totalling more than 256 KB are a ValidationException', () => {
    const big = 'x'.repeat(130 * 1024);
    const entry = orderEvent('order.placed', { big });
    expectValidationException(() => bus().putEvents({ Entries: [entry, entry] }), /Total size of the entries in the request is over the limit/);
    expect(bus().putEvents({ Entries: [entry] }).FailedEntryCount).toBe(0);
  });

  test('bad entries fail one by one, in AWS’s response shape, and the good ones go through', () => {
    const b = bus();
    const response = b.putEvents({
      Entries: [
        { DetailType: 'x', Detail: '{}', EventBusName: BUS },
        { Source: 'ordersaga.orders', Detail: '{}', EventBusName: BUS },
        { Source: 'ordersaga.orders', DetailType: 'x', EventBusName: BUS },
        { Source: 'ordersaga.orders', DetailType: 'x', Detail: '[1, 2]', EventBusName: BUS },
        { Source: 'ordersaga.orders', DetailType: 'x', Detail: '{not json', EventBusName: BUS },
        { Source: 'aws.ec2', DetailType: 'x', Detail: '{}', EventBusName: BUS },
        { Source: 'ordersaga.orders', DetailType: 'x', Detail: '{}', EventBusName: 'someone-elses-bus' },
        orderEvent('order.placed'),
        orderEvent('order.placed', {}, { EventBusName: BUS_ARN }),
      ],
    });

    expect(response.FailedEntryCount).toBe(7);
    expect(response.Entries.slice(0, 7)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus someone-elses-bus does not exist.' },
    ]);
    expect(response.Entries.slice(7)).toEqual([{ EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) }, { EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(b.carriedEvents().map((e) => e.id)).toEqual(response.Entries.slice(7).map((e) => (e as { EventId: string }).EventId));
  });

  test('injected partial failures fail entries as InternalFailure, carrying nothing, as PutEvents can', () => {
    const draws = [0.9, 0.1, 0.9];
    const b = newBus({ invoker: new FakeInvoker(), rules: [], entryFailureRate: 0.5, random: () => draws.shift() ?? 0.9 });
    const response = b.putEvents({ Entries: [orderEvent('order.placed'), orderEvent('order.confirmed'), orderEvent('order.shipped')] });
    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries[1]).toEqual({ ErrorCode: 'InternalFailure', ErrorMessage: expect.any(String) });
    expect(b.carriedEvents().map((e) => e['detail-type'])).toEqual(['order.placed', 'order.shipped']);
    expect(b.injectedEntryFailures).toBe(1);
  });

  test('an entry for the default bus is accepted but not carried by this bus', () => {
    const b = bus();
    const response = b.putEvents({ Entries: [orderEvent('order.placed', {}, { EventBusName: undefined })] });
    expect(response).toEqual({ Entries: [{ EventId: expect.any(String) }], FailedEntryCount: 0 });
    expect(b.carriedEvents()).toEqual([]);
  });
});

describe('LocalEventBus lifecycle', () => {
  test('idle() resolves at once when nothing is pending', async () => {
    const bus = newBus({ invoker: new FakeInvoker(), rules: [] });
    await expect(bus.idle()).resolves.toBeUndefined();
  });

  test('idle() waits for a slow delivery to finish', async () => {
    let finished = false;
    const invoker = new FakeInvoker().on('slow', async () => {
      await new Promise((r) => setTimeout(r, 30));
      finished = true;
      return ok();
    });
    const bus = newBus({
      invoker,
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'slow', retry: retry() }])],
    });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await bus.idle();
    expect(finished).toBe(true);
  });

  test('close() cancels pending retries, and the bus refuses further events', async () => {
    const invoker = new FakeInvoker().on('broken', () => failed());
    const bus = newBus({
      invoker,
      retryBaseDelayMs: 60_000, // a retry that would take a minute
      rules: [rule('r', { source: ['ordersaga.orders'] }, [{ kind: 'function', functionId: 'broken', retry: retry(3) }])],
    });
    bus.putEvents({ Entries: [orderEvent('order.placed')] });
    await new Promise((r) => setTimeout(r, 20)); // the first attempt has failed; the retry is waiting
    expect(invoker.callsTo('broken')).toHaveLength(1);

    bus.close();
    await bus.idle();

    expect(invoker.callsTo('broken')).toHaveLength(1);
    expect(bus.deadLetters()).toEqual([]);
    expect(() => bus.putEvents({ Entries: [orderEvent('order.placed')] })).toThrow(LocalServiceError);
  });

  test('rules are validated at construction: an invalid pattern names its rule', () => {
    expect(
      () =>
        new LocalEventBus({
          busName: BUS,
          invoker: new FakeInvoker(),
          rules: [rule('badRule', { detail: { total: [{ numeric: ['<', 0, '>=', 10] }] } }, [])],
        }),
    ).toThrow(/Event rule "badRule": Event pattern is not valid\. Reason: Too many elements in numeric expression/);
  });

  test('rules are validated at construction: retry policies must be within EventBridge’s limits', () => {
    expect(
      () =>
        new LocalEventBus({
          busName: BUS,
          invoker: new FakeInvoker(),
          rules: [rule('r', { source: ['x'] }, [{ kind: 'function', functionId: 'f', retry: retry(186) }])],
        }),
    ).toThrow(/maximumRetryAttempts must be an integer from 0 to 185/);
    expect(
      () =>
        new LocalEventBus({
          busName: BUS,
          invoker: new FakeInvoker(),
          rules: [rule('r', { source: ['x'] }, [{ kind: 'queue', queueId: 'q', retry: retry(1, 59) }])],
        }),
    ).toThrow(/maximumEventAgeSeconds must be an integer from 60 to 86400/);
  });

  test('duplicate rule ids are refused', () => {
    const r = rule('same', { source: ['x'] }, []);
    expect(() => new LocalEventBus({ busName: BUS, invoker: new FakeInvoker(), rules: [r, r] })).toThrow(/defined twice/);
  });
});

describe('retry backoff', () => {
  test('doubles per retry, with jitter between half and all of it, capped at 60 bases', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, () => 0.999999)).toBeCloseTo(1000, 0);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(4, 1000, () => 0.5)).toBe(6000);
    expect(retryDelayMs(20, 1000, () => 0)).toBe(30_000);
    expect(retryDelayMs(20, 1000, () => 0.999999)).toBeLessThanOrEqual(60_000);
  });
});
