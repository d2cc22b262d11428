import { formatFunctionLine, formatInvocation, readableFunctionLogs } from '#local/lambda/readable-logs';

const plain = { color: false, now: () => new Date('2026-03-14T09:00:00.000Z') };

/** Lines as Powertools Logger writes them in a function of this app. */
const powertools = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    level: 'INFO',
    message: 'order placed',
    timestamp: '2026-03-14T09:15:02.123Z',
    service: 'ordersaga',
    cold_start: true,
    function_arn: 'arn:aws:lambda:eu-west-1:000000000000:function:createOrder',
    function_memory_size: '256',
    function_name: 'createOrder',
    function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    sampling_rate: 0,
    xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    correlationId: 'corr-1',
    ...fields,
  });

describe('readable function logs', () => {
  test('a Powertools line becomes time, level, function, message and the keys that say what it is about', () => {
    const text = powertools({ orderId: '01JORDER', totalAmount: 5048, note: 'two words' });
    expect(formatFunctionLine({ functionId: 'createOrder', requestId: 'r1', stream: 'stdout', text }, plain)).toBe(
      '09:15:02.123 INFO  createOrder  order placed orderId=01JORDER totalAmount=5048 note="two words"',
    );
  });

  test('a logged error shows its stack under the line', () => {
    const text = powertools({
      level: 'ERROR',
      message: 'unhandled error',
      error: { name: 'TypeError', message: 'x is undefined', stack: 'TypeError: x is undefined\n    at place (place-order.ts:12:3)' },
    });
    expect(formatFunctionLine({ functionId: 'createOrder', stream: 'stdout', text }, plain).split('\n')).toEqual([
      '09:15:02.123 ERROR createOrder  unhandled error',
      '    TypeError: x is undefined',
      '    at place (place-order.ts:12:3)',
    ]);
  });

  test('a line that is not JSON is kept as written, marked when it went to stderr', () => {
    expect(formatFunctionLine({ functionId: 'notifyCustomer', stream: 'stderr', text: 'plain warning' }, plain)).toBe(
      '09:00:00.000 ERR   notifyCustomer  plain warning',
    );
  });

  test("one line per invocation, like Lambda's REPORT: time, function, duration, cold start, outcome, correlation id", () => {
    const summary = { functionId: 'reserveStock', requestId: 'r1', startedAt: Date.parse('2026-03-14T09:15:02.000Z'), durationMs: 42, correlationId: 'corr-1' };
    expect(formatInvocation({ ...summary, coldStart: true, outcome: 'ok' }, plain)).toBe('09:15:02.042 ▶ reserveStock 42 ms cold ok corr=corr-1');
    expect(
      formatInvocation(
        {
          ...summary,
          coldStart: false,
          outcome: 'error',
          error: { errorType: 'StoreBusy', errorMessage: 'DynamoDB is busy', trace: ['StoreBusy: DynamoDB is busy', '    at reserve (reserve-stock.ts:30:9)'] },
        },
        plain,
      ).split('\n'),
    ).toEqual(['09:15:02.042 ▶ reserveStock 42 ms failed StoreBusy: DynamoDB is busy corr=corr-1', '    at reserve (reserve-stock.ts:30:9)']);
  });

  test('colours on a terminal, none otherwise', () => {
    const summary = { functionId: 'f', requestId: 'r', startedAt: 0, durationMs: 1, coldStart: false, outcome: 'ok' as const };
    expect(formatInvocation(summary, { color: true })).toContain('\u001b[32mok\u001b[0m');
    expect(formatInvocation(summary, plain)).not.toContain('\u001b[');
  });

  test('an invocation whose event names no correlation id takes the one its lines logged', () => {
    const written: string[] = [];
    const sink = readableFunctionLogs((text) => written.push(text), plain);
    sink.line({ functionId: 'publishDomainEvents', requestId: 'r9', stream: 'stdout', text: powertools({ message: 'published', correlationId: 'corr-9' }) });
    sink.invocation({
      functionId: 'publishDomainEvents',
      requestId: 'r9',
      startedAt: Date.parse('2026-03-14T09:15:02.000Z'),
      durationMs: 5,
      coldStart: false,
      outcome: 'ok',
    });
    expect(written).toEqual(['09:15:02.123 INFO  publishDomainEvents  published\n', '09:15:02.005 ▶ publishDomainEvents 5 ms ok corr=corr-9\n']);
  });
});
