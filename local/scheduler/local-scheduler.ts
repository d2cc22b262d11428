// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#eventbridge-schedules.
import type { ScheduleSpec } from '#contracts/wiring';
import type { FunctionInvoker } from '../lambda/function-invoker';
import { localRuleArn, scheduledEvent } from './scheduled-event';
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError, type Schedule } from './schedule-expression';

/** Real time and timers; injectable so tests can move time by hand. */
export interface SchedulerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    // The scheduler alone never keeps the process alive; the runtime's HTTP server does.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface LocalSchedulerOptions {
  schedules: ScheduleSpec[];
  invoker: FunctionInvoker;
  /** How much faster than real time schedules run: 60 = a minute passes in a second. Default 1. */
  speedUp?: number;
  clock?: SchedulerClock;
  log?: (message: string) => void;
}

export interface ScheduleFiring {
  scheduleId: string;
  functionId: string;
  /** The scheduled (local, sped-up) time, as in the event. */
  time: string;
  payload: unknown;
}

interface ScheduleState {
  spec: ScheduleSpec;
  schedule: Schedule;
  next: number;
  timer?: unknown;
}

/** setTimeout cannot wait longer than about 24.8 days; longer waits are taken in pieces. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Firings missed by less than this (real time, e.g. timer jitter at high speed-up) are caught up; older ones are skipped. */
const CATCH_UP_WINDOW_MS = 1_000;
const MAX_FIRINGS_KEPT = 1_000;

/**
 * Runs the stack's scheduled rules locally: each schedule invokes its function asynchronously (as
 * EventBridge invokes a Lambda target) with the schedule's constant input, or else an EventBridge
 * "Scheduled Event". Local time can run faster than real time (speedUp), from the moment start() is called.
 */
export class LocalScheduler {
  /** The most recent firings, oldest first. */
  readonly fired: ScheduleFiring[] = [];

  private readonly states: ScheduleState[];
  private readonly clock: SchedulerClock;
  private readonly speedUp: number;
  private readonly log: (message: string) => void;
  private running = false;
  private realStart = 0;

  constructor(private readonly options: LocalSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.speedUp = options.speedUp ?? 1;
    if (!(this.speedUp > 0)) throw new Error(`speedUp must be a positive number, got ${options.speedUp}`);
    this.log = options.log ?? ((message) => console.warn(message));
    // Fail at startup, naming the schedule, rather than when it would first fire.
    this.states = options.schedules.map((spec) => {
      try {
        return { spec, schedule: parseScheduleExpression(spec.expression), next: 0 };
      } catch (error) {
        if (error instanceof ScheduleExpressionError) error.message = `Schedule ${spec.id}: ${error.message}`;
        throw error;
      }
    });
  }

  /** The local notion of now: real time, sped up since start(). */
  now(): Date {
    const real = this.clock.now();
    return new Date(this.running ? this.realStart + (real - this.realStart) * this.speedUp : real);
  }

  /** When each schedule fires next (local time); undefined for one that never fires again. */
  nextFireTimes(): Record<string, Date | undefined> {
    return Object.fromEntries(this.states.map((state) => [state.spec.id, state.next ? new Date(state.next) : undefined]));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.realStart = this.clock.now();
    const now = this.now();
    for (const state of this.states) this.schedule(state, this.firstAfter(state, now));
  }

  stop(): void {
    this.running = false;
    for (const state of this.states) {
      if (state.timer !== undefined) this.clock.clearTimer(state.timer);
      state.timer = undefined;
    }
  }

  private firstAfter(state: ScheduleState, after: Date): number | undefined {
    try {
      return nextFireTime(state.schedule, after).getTime();
    } catch (error) {
      if (!(error instanceof ScheduleExpressionError)) throw error;
      this.log(`Schedule ${state.spec.id} will not fire again: ${error.message}`);
      return undefined;
    }
  }

  private schedule(state: ScheduleState, next: number | undefined): void {
    state.next = next ?? 0;
    state.timer = undefined;
    if (!this.running || next === undefined) return;
    const realDelay = Math.max(0, (next - this.now().getTime()) / this.speedUp);
    state.timer = this.clock.setTimer(() => this.onTimer(state), Math.min(realDelay, MAX_TIMER_MS));
  }

  private onTimer(state: ScheduleState): void {
    if (!this.running) return;
    const now = this.now().getTime();
    // A long wait taken in pieces: not due yet.
    if (now < state.next) {
      this.schedule(state, state.next);
      return;
    }
    const scheduled = state.next;
    this.fire(state, new Date(scheduled));
    let next = this.firstAfter(state, new Date(scheduled));
    if (next !== undefined && (now - next) / this.speedUp > CATCH_UP_WINDOW_MS) {
      // The process was paused (or the machine slept): EventBridge does not replay missed schedules.
      this.log(`Schedule ${state.spec.id} missed its firings since ${new Date(next).toISOString()}; skipping to the next one.`);
      next = this.firstAfter(state, new Date(now));
    }
    this.schedule(state, next);
  }

  private fire(state: ScheduleState, time: Date): void {
    const { spec } = state;
    const payload = spec.input !== undefined ? spec.input : scheduledEvent(localRuleArn(spec.id), time);
    this.fired.push({ scheduleId: spec.id, functionId: spec.functionId, time: time.toISOString(), payload });
    if (this.fired.length > MAX_FIRINGS_KEPT) this.fired.shift();
    this.options.invoker.invoke(spec.functionId, payload, { invocationType: 'Event' }).then(
      (result) => {
        if (!result.ok) this.log(`Schedule ${spec.id} could not invoke ${spec.functionId}: ${result.error.errorType}: ${result.error.errorMessage}`);
      },
      (error: unknown) => this.log(`Schedule ${spec.id} could not invoke ${spec.functionId}: ${String(error)}`),
    );
  }
}
