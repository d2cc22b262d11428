import type { ScheduleSpec } from '#contracts/wiring';
import type { FunctionInvoker, InvokeOptions, InvokeResult } from '#local/lambda/function-invoker';
import { LocalScheduler, type SchedulerClock } from '#local/scheduler/local-scheduler';

/** Time moves only when the test says; timers fire in order as it passes. */
class ManualClock implements SchedulerClock {
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private ids = 0;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.time + delayMs, callback, id });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Real time passes normally: each timer fires at its time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  /** The process was paused (or the machine slept): time jumps, then the overdue timers run. */
  jump(ms: number): void {
    this.time += ms;
    this.advance(0);
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

class RecordingInvoker implements FunctionInvoker {
  readonly calls: { functionId: string; event: unknown; options?: InvokeOptions }[] = [];

  async invoke(functionId: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult> {
    this.calls.push({ functionId, event, options });
    return { ok: true, payload: null, durationMs: 0 };
  }
}

const spec = (id: string, expression: string, input?: unknown): ScheduleSpec => ({
  id,
  description: id,
  expression,
  functionId: `${id}Fn`,
  ...(input !== undefined && { input }),
});

const START = Date.parse('2024-03-13T10:07:30Z');

describe('LocalScheduler', () => {
  it('invokes the function asynchronously with an EventBridge Scheduled Event at each cron time', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('quarterHourly', 'cron(0/15 * * * ? *)')], invoker, clock });
    scheduler.start();
    expect(scheduler.nextFireTimes()).toEqual({ quarterHourly: new Date('2024-03-13T10:15:00Z') });

    clock.advance(7 * 60_000);
    expect(invoker.calls).toHaveLength(0);
    clock.advance(30_000);
    expect(invoker.calls).toHaveLength(1);
    const [call] = invoker.calls;
    expect(call!.functionId).toBe('quarterHourlyFn');
    expect(call!.options).toEqual({ invocationType: 'Event' });
    expect(call!.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2024-03-13T10:15:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/quarterHourly'],
      detail: {},
    });

    clock.advance(30 * 60_000);
    expect(invoker.calls.map((c) => (c.event as { time: string }).time)).toEqual(['2024-03-13T10:15:00Z', '2024-03-13T10:30:00Z', '2024-03-13T10:45:00Z']);
    scheduler.stop();
  });

  it('hands the schedule its constant input when it has one', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('sweep', 'rate(5 minutes)', { task: 'expire-reservations' })], invoker, clock });
    scheduler.start();
    clock.advance(5 * 60_000);
    expect(invoker.calls.map((c) => c.event)).toEqual([{ task: 'expire-reservations' }]);
    expect(scheduler.fired).toEqual([
      { scheduleId: 'sweep', functionId: 'sweepFn', time: '2024-03-13T10:12:30.000Z', payload: { task: 'expire-reservations' } },
    ]);
    scheduler.stop();
  });

  it('with speedUp 60 a minute passes in a real second', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('fiveMinutes', 'rate(5 minutes)')], invoker, clock, speedUp: 60 });
    scheduler.start();
    clock.advance(4_999);
    expect(invoker.calls).toHaveLength(0);
    clock.advance(1);
    expect(invoker.calls).toHaveLength(1);
    clock.advance(10_000);
    expect(invoker.calls.map((c) => (c.event as { time: string }).time)).toEqual(['2024-03-13T10:12:30Z', '2024-03-13T10:17:30Z', '2024-03-13T10:22:30Z']);
    expect(scheduler.now().toISOString()).toBe('2024-03-13T10:22:30.000Z');
    scheduler.stop();
  });

  it('with speedUp 3600 an hourly cron fires every real second', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('hourly', 'cron(0 * * * ? *)')], invoker, clock, speedUp: 3600 });
    scheduler.start();
    clock.advance(3_000);
    expect(invoker.calls.map((c) => (c.event as { time: string }).time)).toEqual(['2024-03-13T11:00:00Z', '2024-03-13T12:00:00Z', '2024-03-13T13:00:00Z']);
    scheduler.stop();
  });

  it('runs several schedules side by side', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({
      schedules: [spec('everyMinute', 'rate(1 minute)'), spec('weekdayEvenings', 'cron(0 18 ? * MON-FRI *)')],
      invoker,
      clock,
      speedUp: 60,
    });
    scheduler.start();
    clock.advance((8 * 3600_000) / 60);
    const counts: Record<string, number> = {};
    for (const call of invoker.calls) counts[call.functionId] = (counts[call.functionId] ?? 0) + 1;
    expect(counts).toEqual({ everyMinuteFn: 480, weekdayEveningsFn: 1 });
    scheduler.stop();
  });

  it('stop() cancels every timer', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('a', 'rate(1 minute)'), spec('b', 'cron(0 10 * * ? *)')], invoker, clock });
    scheduler.start();
    expect(clock.pendingTimers()).toBe(2);
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(3600_000);
    expect(invoker.calls).toHaveLength(0);
  });

  it('does not replay the firings missed while the process was paused', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const log: string[] = [];
    const scheduler = new LocalScheduler({ schedules: [spec('everyMinute', 'rate(1 minute)')], invoker, clock, log: (m) => log.push(m) });
    scheduler.start();
    clock.jump(60 * 60_000);
    expect(invoker.calls).toHaveLength(1);
    expect(log.join('\n')).toContain('skipping');
    expect(scheduler.nextFireTimes().everyMinute!.getTime()).toBe(START + 61 * 60_000);
  });

  it('catches up firings that are only late by timer jitter', () => {
    const clock = new ManualClock(START);
    const invoker = new RecordingInvoker();
    const scheduler = new LocalScheduler({ schedules: [spec('everyMinute', 'rate(1 minute)')], invoker, clock, speedUp: 600 });
    scheduler.start();
    // 300 ms real = 3 local minutes, delivered late in one go.
    clock.jump(300);
    expect(invoker.calls).toHaveLength(3);
    scheduler.stop();
  });

  it('rejects an invalid expression at construction, naming the schedule', () => {
    expect(() => new LocalScheduler({ schedules: [spec('broken', 'cron(0 10 * * * *)')], invoker: new RecordingInvoker() })).toThrow(
      /^Schedule broken: Invalid schedule expression "cron\(0 10 \* \* \* \*\)"/,
    );
    expect(() => new LocalScheduler({ schedules: [], invoker: new RecordingInvoker(), speedUp: 0 })).toThrow('speedUp');
  });

  it('logs a failed invocation instead of stopping the schedule', async () => {
    const clock = new ManualClock(START);
    const log: string[] = [];
    const invoker: FunctionInvoker = {
      invoke: async () => ({ ok: false, durationMs: 0, error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found: x' } }),
    };
    const scheduler = new LocalScheduler({ schedules: [spec('a', 'rate(1 minute)')], invoker, clock, log: (m) => log.push(m) });
    scheduler.start();
    clock.advance(2 * 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toHaveLength(2);
    expect(log[0]).toContain('ResourceNotFoundException');
    scheduler.stop();
  });
});
