import path from 'node:path';
import type { FunctionSpec } from '#contracts/wiring';
import { LocalServiceError } from '#local/aws-api/service-error';
import { AsyncInvocations } from '#local/lambda/async-invocations';
import { ConcurrencyLimits } from '#local/lambda/concurrency-limits';
import { bundleFunctions } from '#local/lambda/function-bundler';
import { FunctionHost } from '#local/lambda/function-host';
import type { FunctionInvocationSummary, FunctionLogLine } from '#local/lambda/function-logs';

const root = path.resolve(__dirname, '../../../..');
const spec = (id: string): FunctionSpec => ({
  id,
  context: 'platform',
  description: id,
  entry: 'test/fixtures/lambda-host/echo.ts',
  handler: 'handler',
  memorySize: 256,
  timeoutSeconds: 5,
  access: {},
});

describe('concurrency limits (reserved concurrency and the account limit)', () => {
  test('a function with a reservation runs at most that many at once; the others share what is left of the account', () => {
    const limits = new ConcurrencyLimits({ accountLimit: 102, reserved: { reserved: 2 } });
    expect([limits.tryAcquire('reserved'), limits.tryAcquire('reserved'), limits.tryAcquire('reserved')]).toEqual([true, true, false]);
    // 100 unreserved, shared by every other function.
    const others = Array.from({ length: 100 }, (_, index) => limits.tryAcquire(index % 2 ? 'a' : 'b'));
    expect(others.every(Boolean)).toBe(true);
    expect(limits.tryAcquire('a')).toBe(false);
    limits.release('b');
    expect(limits.tryAcquire('a')).toBe(true);
    limits.release('reserved');
    expect(limits.tryAcquire('reserved')).toBe(true);
  });

  test('a reservation of 0 throttles every invocation; reservations must leave 100 unreserved, as AWS requires', () => {
    expect(new ConcurrencyLimits({ reserved: { off: 0 } }).tryAcquire('off')).toBe(false);
    expect(() => new ConcurrencyLimits({ accountLimit: 1000, reserved: { a: 901 } })).toThrow(/keeps at least 100/);
  });
});

describe('asynchronous invocation (Lambda retries, event age, on-failure destination)', () => {
  const failing = { ok: false as const, durationMs: 1, error: { errorType: 'Boom', errorMessage: 'it broke' } };

  test('a function error is tried twice more, about 1 and 2 minutes apart, then recorded for the on-failure destination', async () => {
    let now = 0;
    const attempts: number[] = [];
    const sent: unknown[] = [];
    const queue = new AsyncInvocations({
      attempt: async () => {
        attempts.push(now);
        now += 1;
        return failing;
      },
      functionArn: (id) => `arn:aws:lambda:us-east-1:000000000000:function:${id}`,
      delayScale: 0.0001,
      now: () => now,
      onFailure: (_functionId, record) => sent.push(record),
    });
    // Waits scaled: 60 s → 6 ms, 120 s → 12 ms.
    queue.accept('notifyCustomer', { detail: { id: 'e-1' } }, 'request-1');
    await queue.idle();
    expect(attempts).toHaveLength(3);
    expect(sent).toEqual([
      expect.objectContaining({
        version: '1.0',
        requestContext: {
          requestId: 'request-1',
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:notifyCustomer:$LATEST',
          condition: 'RetriesExhausted',
          approximateInvokeCount: 3,
        },
        requestPayload: { detail: { id: 'e-1' } },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Boom', errorMessage: 'it broke' },
      }),
    ]);
    expect(queue.failures('notifyCustomer')).toEqual(sent);
  });

  test('the waits are a minute and two minutes (scaled), and the retry budget is the function’s own', async () => {
    const waits: number[] = [];
    let last = Date.now();
    const queue = new AsyncInvocations({
      attempt: async () => {
        waits.push(Date.now() - last);
        last = Date.now();
        return failing;
      },
      functionArn: (id) => id,
      config: () => ({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 }),
      delayScale: 0.002, // 60 s → 120 ms, 120 s → 240 ms
    });
    queue.accept('f', {}, 'r');
    await queue.idle();
    expect(waits).toHaveLength(3);
    expect(waits[1]).toBeGreaterThanOrEqual(115);
    expect(waits[1]).toBeLessThan(230);
    expect(waits[2]).toBeGreaterThanOrEqual(235);

    const once = new AsyncInvocations({
      attempt: async () => failing,
      functionArn: (id) => id,
      config: () => ({ maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 }),
    });
    once.accept('f', {}, 'r');
    await once.idle();
    expect(once.failures()[0]!.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 1 });
  });

  test('a throttled event is retried, not counted as a function error, until it is older than the maximum event age', async () => {
    let throttledAttempts = 0;
    const queue = new AsyncInvocations({
      attempt: async () => {
        throttledAttempts += 1;
        return 'throttled';
      },
      functionArn: (id) => id,
      config: () => ({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 }),
      delayScale: 0.001, // the 60 s age is 60 ms; throttle backoff from 1 ms
      random: () => 1,
    });
    queue.accept('f', { n: 1 }, 'r');
    await queue.idle();
    expect(throttledAttempts).toBeGreaterThan(3);
    expect(queue.failures()).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 }),
        requestPayload: { n: 1 },
      }),
    ]);
    expect(queue.failures()[0]).not.toHaveProperty('responsePayload');
  });
});

describe('the function host: throttling, payload limits, asynchronous invocation, logs', () => {
  let host: FunctionHost;
  let dispose: () => void;
  const lines: FunctionLogLine[] = [];
  const invocations: FunctionInvocationSummary[] = [];

  beforeAll(async () => {
    const specs = [spec('limited'), spec('roomy'), spec('subscriber')];
    const bundles = await bundleFunctions(root, specs);
    dispose = bundles.dispose;
    host = new FunctionHost({
      workerPath: bundles.workerPath,
      functions: specs.map((s) => ({ spec: s, bundlePath: bundles.bundles.get(s.id)!, environment: {} })),
      concurrency: { accountLimit: 200, reserved: { limited: 1, subscriber: 1 } },
      asyncInvocation: { delayScale: 0.0005 },
      logs: { line: (line) => lines.push(line), invocation: (summary) => invocations.push(summary) },
    });
  });

  afterAll(async () => {
    await host.close();
    dispose();
  });

  test('an invocation past the reserved concurrency is throttled with TooManyRequestsException (429), not queued', async () => {
    const slow = host.invoke('limited', { sleepMs: 300 });
    const second = await host.invoke('limited', {}).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(LocalServiceError);
    expect(second).toMatchObject({ code: 'TooManyRequestsException', httpStatus: 429 });
    await expect(slow).resolves.toMatchObject({ ok: true });
    await expect(host.invoke('limited', {})).resolves.toMatchObject({ ok: true });
  });

  test('a response over 6 MB fails the invocation (Function.ResponseSizeTooLarge); a request over 6 MB is refused (413)', async () => {
    await expect(host.invoke('roomy', { respondBytes: 7 * 1024 * 1024 })).resolves.toMatchObject({
      ok: false,
      error: { errorType: 'Function.ResponseSizeTooLarge' },
    });
    await expect(host.invoke('roomy', { respondBytes: 1024 })).resolves.toMatchObject({ ok: true });
    await expect(host.invoke('roomy', { padding: 'x'.repeat(7 * 1024 * 1024) })).rejects.toMatchObject({
      code: 'RequestEntityTooLargeException',
      httpStatus: 413,
    });
  });

  test('an Event invocation is answered at once; Lambda retries its errors and records it for the on-failure destination', async () => {
    const answer = await host.invoke('subscriber', { fail: 'down' }, { invocationType: 'Event' });
    expect(answer).toEqual({ ok: true, payload: null, durationMs: 0 });
    await host.asyncIdle();
    const [record] = host.asyncFailures('subscriber');
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      responsePayload: { errorType: 'OutOfStock' },
    });
  });

  test('a throttled Event invocation waits for concurrency instead of failing', async () => {
    const busy = host.invoke('subscriber', { sleepMs: 200 });
    await host.invoke('subscriber', { print: 'queued event' }, { invocationType: 'Event' });
    await busy;
    await host.asyncIdle();
    expect(host.asyncFailures('subscriber')).toHaveLength(1); // only the earlier test's
    expect(lines.some((line) => line.functionId === 'subscriber' && line.text === 'queued event')).toBe(true);
  });

  test('tells each line the function wrote with its invocation, and one record per invocation', async () => {
    const result = await host.invoke('roomy', { print: 'hello', headers: { 'X-Correlation-Id': 'corr-42' } });
    const requestId = (result as { payload: { requestId: string } }).payload.requestId;
    expect(lines.filter((line) => line.requestId === requestId)).toEqual([
      { functionId: 'roomy', requestId, stream: 'stdout', text: 'hello' },
      { functionId: 'roomy', requestId, stream: 'stderr', text: 'stderr: hello' },
    ]);
    const summary = invocations.find((record) => record.requestId === requestId);
    expect(summary).toMatchObject({ functionId: 'roomy', outcome: 'ok', coldStart: false, correlationId: 'corr-42' });
    expect(invocations.find((record) => record.functionId === 'roomy')!.coldStart).toBe(true);
  });
});
