import { executionDurationMs, expressBilledGbSeconds, expressLogBytes } from '#bench/express-usage';

type Execution = Parameters<typeof expressLogBytes>[0];
const event = (id: number, type: string, details: Record<string, unknown> = {}) =>
  ({ id, type, timestamp: '2026-12-01T00:00:00.000Z', previousEventId: id - 1, ...details }) as unknown as Execution['history'][number];

const execution = (types: string[]): Execution => ({
  executionArn: 'arn:aws:states:us-east-1:000000000000:express:orderSaga:order-1:abc',
  history: types.map((type, index) => event(index + 1, type)),
});

describe('Express usage (bench/express-usage.ts)', () => {
  it('bills 64 MB for the duration rounded up to 100 ms, at least one step', () => {
    expect(expressBilledGbSeconds(250)).toBeCloseTo((64 / 1024) * 0.3, 10);
    expect(expressBilledGbSeconds(0)).toBeCloseTo((64 / 1024) * 0.1, 10);
    expect(executionDurationMs({ startDate: '2026-12-01T00:00:00.000Z', stopDate: '2026-12-01T00:00:01.250Z' })).toBe(1250);
  });

  it('logs every event at ALL, the failures at ERROR, an execution failure at FATAL, nothing at OFF', () => {
    const happy = execution(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const failing = execution(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskFailed', 'ExecutionFailed']);
    expect(expressLogBytes(happy, 'ALL')).toBeGreaterThan(6 * 100);
    expect(expressLogBytes(happy, 'ERROR')).toBe(0);
    expect(expressLogBytes(failing, 'ERROR')).toBeGreaterThan(0);
    expect(expressLogBytes(failing, 'FATAL')).toBeLessThan(expressLogBytes(failing, 'ERROR'));
    expect(expressLogBytes(failing, 'FATAL')).toBeGreaterThan(0);
    expect(expressLogBytes(failing, 'OFF')).toBe(0);
  });

  it('leaves execution data (inputs, outputs) out of the records', () => {
    const big = { executionArn: 'arn', history: [event(1, 'ExecutionStarted', { executionStartedEventDetails: { input: 'x'.repeat(10_000) } })] };
    expect(expressLogBytes(big, 'ALL')).toBeLessThan(1000);
  });
});
