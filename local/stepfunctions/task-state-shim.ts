import type { DefinitionCatalog, StateEntry, TaskStateEntry } from './definition-catalog';
import { ExecutionCancelled, type ActivityTicket, type ExecutionActivity } from './execution-activity';
import type { ExecutionRecord, WaitingPoint } from './execution-record';
import { asJson, replaceInStrings, type JsonValue } from './json';
import { statesTimeoutError } from './library-timeout-error';
import { readReferencePath } from './reference-path';
import { retryBackoffMs } from './retry-backoff';
import { HEARTBEAT_TIMEOUT_ERROR, MAX_TIMER_SECONDS } from './runnable-definition';
import type { ExecutionStarter, TaskResourceDispatcher } from './task-dispatch';
import { runtimeFailure, TaskFailure } from './task-failure';
import { TaskHistory } from './task-history';
import type { OpenToken, TaskTokenRegistry } from './task-tokens';

/**
 * The `taskResourceLocalHandlers` of one execution: a handler for EVERY Task state (so the library never
 * falls back to calling AWS Lambda) and for every Wait state (which the runnable definition turned into
 * a Task). A Task handler runs one attempt: it sleeps the retry backoff, mints a fresh task token for
 * `.waitForTaskToken`, writes the Task and LambdaFunction history events, dispatches the resource, waits for the
 * token, and enforces TimeoutSeconds/HeartbeatSeconds (scaled) itself.
 */

export interface ShimContext {
  record: ExecutionRecord;
  activity: ExecutionActivity;
  tokens: TaskTokenRegistry;
  dispatcher: TaskResourceDispatcher;
  stepFunctions: ExecutionStarter;
  scales: { retryDelayScale: number; timeoutScale: number; waitScale: number };
  /** What `$$.Task.Token` resolves to in the library (one static value per run); replaced per attempt. */
  tokenPlaceholder: string;
  /** A run continued after a restart: the state it waited in goes on waiting (taken by the first attempt of that state). */
  resume?: ResumedWait;
}

/** Where a continued run waited; its token open again from the start (a SendTaskSuccess may come before the run is back in the state). */
export interface ResumedWait extends WaitingPoint {
  openToken?: OpenToken;
}

/** The waiting point to go on with, when `stateName` is where the continued run waited (once). */
function takeResume(context: ShimContext, stateName: string): ResumedWait | undefined {
  const resume = context.resume;
  if (resume?.stateName !== stateName) return undefined;
  context.resume = undefined;
  return resume;
}

export type StateHandler = (input: JsonValue) => Promise<JsonValue>;

export function stateHandlers(catalog: DefinitionCatalog, context: ShimContext): Record<string, StateHandler> {
  const handlers: Record<string, StateHandler> = {};
  for (const task of catalog.tasks.values()) handlers[task.name] = (input) => runTaskState(task, input, context);
  for (const wait of catalog.waits.values()) handlers[wait.name] = (input) => runWaitState(wait, input, context);
  return handlers;
}

/** One macrotask: the library's event log is consumed in microtasks, so by then StateEntered/StateRetried are recorded. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runTaskState(task: TaskStateEntry, effectiveInput: JsonValue, context: ShimContext): Promise<JsonValue> {
  const ticket = context.activity.ticket();
  try {
    await nextTurn();
    context.activity.throwIfCancelled();
    const start = context.activity.takeAttemptStart(task.name);
    const resumed = takeResume(context, task.name);
    if (start.retry && !resumed) {
      await context.activity.sleep(retryBackoffMs(start.retry.retrier, start.retry.attempt, context.scales.retryDelayScale));
    }
    return await new TaskAttempt(task, effectiveInput, context, ticket).run(resumed?.openToken ? resumed : undefined);
  } finally {
    ticket.end();
  }
}

async function runWaitState(wait: StateEntry, input: JsonValue, context: ShimContext): Promise<JsonValue> {
  const ticket = context.activity.ticket();
  try {
    // The Wait's end is kept, so a run continued after a restart ends it when it was due, not a full wait later.
    const deadlineMs = takeResume(context, wait.name)?.deadlineMs ?? Date.now() + waitMilliseconds(wait, input) * context.scales.waitScale;
    context.record.waiting = { stateName: wait.name, deadlineMs };
    await context.activity.sleep(Math.max(0, deadlineMs - Date.now()));
    return input;
  } finally {
    context.record.waiting = undefined;
    ticket.end();
  }
}

function waitMilliseconds(wait: StateEntry, input: JsonValue): number {
  const definition = wait.definition;
  const untilTimestamp = (timestamp: JsonValue | undefined, field: string) => {
    const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(at)) throw runtimeFailure(`${wait.name}: ${field} is not an ISO 8601 timestamp`);
    return Math.max(0, at - Date.now());
  };
  const fromPath = (field: 'SecondsPath' | 'TimestampPath') => {
    const read = readReferencePath(definition[field] as string, input);
    if (!read.found) throw runtimeFailure(`${wait.name}: ${field} ${String(definition[field])} does not point to a value`);
    return read.value;
  };
  if (typeof definition.Seconds === 'number') return definition.Seconds * 1000;
  if (typeof definition.Timestamp === 'string') return untilTimestamp(definition.Timestamp, 'Timestamp');
  if (typeof definition.SecondsPath === 'string') {
    const seconds = fromPath('SecondsPath');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0)
      throw runtimeFailure(`${wait.name}: SecondsPath must point to a non-negative integer`);
    return seconds * 1000;
  }
  if (typeof definition.TimestampPath === 'string') return untilTimestamp(fromPath('TimestampPath'), 'TimestampPath');
  return 0;
}

type Settle = { kind: 'success'; output: JsonValue } | { kind: 'failure'; error: Error };

/** One attempt of a Task state, from TaskScheduled to exactly one of succeeded / failed / timed out / cancelled. */
class TaskAttempt {
  private readonly history: TaskHistory;
  private settled = false;
  private token?: OpenToken;
  private timeoutTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private removeCancelHook?: () => void;
  private done!: (result: Settle | Promise<Settle>) => void;

  constructor(
    private readonly task: TaskStateEntry,
    private readonly effectiveInput: JsonValue,
    private readonly context: ShimContext,
    private readonly ticket: ActivityTicket,
  ) {
    this.history = new TaskHistory(context.record.history, task.resource);
  }

  /** `resumed`: the attempt an earlier run made and was waiting in; it goes on waiting for the same token until the same deadline. */
  async run(resumed?: ResumedWait): Promise<JsonValue> {
    const callback = this.task.resource.pattern === 'wait-for-task-token';
    const rawInput = this.context.activity.enteredInput(this.task.name) ?? this.effectiveInput;
    const timeoutSeconds = this.task.timeoutSeconds ?? secondsAt(this.task, 'TimeoutSecondsPath', this.task.timeoutSecondsPath, rawInput, this.effectiveInput);
    const heartbeatSeconds = callback
      ? (this.task.heartbeatSeconds ?? secondsAt(this.task, 'HeartbeatSecondsPath', this.task.heartbeatSecondsPath, rawInput, this.effectiveInput))
      : undefined;

    let parameters = this.effectiveInput;
    if (callback) {
      this.token = resumed?.openToken ?? this.context.tokens.open(this.context.record.arn);
      parameters = replaceInStrings(parameters, this.context.tokenPlaceholder, this.token.token);
    }
    if (!resumed) {
      this.history.scheduled(parameters, timeoutSeconds, heartbeatSeconds);
      this.history.started();
    }
    const deadlineMs = resumed ? resumed.deadlineMs : timeoutSeconds === undefined ? undefined : Date.now() + this.timerMs(timeoutSeconds);

    const outcome = new Promise<Settle>((resolve) => {
      this.done = resolve;
    });
    this.removeCancelHook = this.context.activity.onCancel((error) => this.settle({ kind: 'failure', error }));
    if (deadlineMs !== undefined) this.timeoutTimer = setTimeout(() => this.timeOut(false), Math.max(0, deadlineMs - Date.now()));
    if (heartbeatSeconds !== undefined && this.token) {
      const arm = () => {
        clearTimeout(this.heartbeatTimer);
        this.heartbeatTimer = setTimeout(() => this.timeOut(true), this.timerMs(heartbeatSeconds));
      };
      arm();
      this.token.onHeartbeat(arm);
    }
    void this.perform(parameters, deadlineMs, !resumed).then(
      (result) => {
        if (this.settled) return;
        const output = asJson(result);
        this.history.succeeded(output);
        this.settle({ kind: 'success', output });
      },
      (error: unknown) => {
        if (this.settled) return;
        const failure = asTaskFailure(error);
        this.history.failed(failure.name, failure.causeText);
        this.settle({ kind: 'failure', error: failure });
      },
    );

    const result = await outcome;
    if (result.kind === 'success') return result.output;
    throw result.error;
  }

  /** Calls the resource; a callback task then waits for SendTaskSuccess/Failure on its token. */
  /** Not `fresh`: the resource was called by an earlier run, which the restart continues: only the token is waited for. */
  private async perform(parameters: JsonValue, deadlineMs: number | undefined, fresh: boolean): Promise<JsonValue> {
    let output: JsonValue = null;
    if (fresh) {
      output = await this.context.dispatcher.dispatch({
        resource: this.task.resource,
        input: parameters,
        executionArn: this.context.record.arn,
        stepFunctions: this.context.stepFunctions,
      });
    }
    if (!this.token) return output;
    if (this.settled) return output;
    const token = this.token;
    this.context.record.waiting = { stateName: this.task.name, token: token.token, deadlineMs };
    if (fresh) this.history.submitted(output);
    this.ticket.parkOnToken();
    const outcome = await token.outcome;
    if (outcome.kind === 'success') return outcome.output;
    throw new TaskFailure(outcome.error ?? '', outcome.cause ?? '');
  }

  private timeOut(heartbeat: boolean): void {
    if (this.settled) return;
    this.history.timedOut();
    // Settled at once (the token answers TaskTimedOut from now on); the error is an instance of the library's class.
    const error = statesTimeoutError(heartbeat ? HEARTBEAT_TIMEOUT_ERROR : 'States.Timeout', '');
    this.settle(error.then((timeout): Settle => ({ kind: 'failure', error: timeout })));
  }

  private settle(result: Settle | Promise<Settle>): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.heartbeatTimer);
    this.removeCancelHook?.();
    this.token?.close();
    if (this.token && this.context.record.waiting?.token === this.token.token) this.context.record.waiting = undefined;
    this.done(result);
  }

  private timerMs(seconds: number): number {
    return Math.min(MAX_TIMER_SECONDS, seconds * this.context.scales.timeoutScale) * 1000;
  }
}

/** `TimeoutSecondsPath`/`HeartbeatSecondsPath`: a positive integer in the state input. */
function secondsAt(task: TaskStateEntry, field: string, path: string | undefined, rawInput: JsonValue, effectiveInput: JsonValue): number | undefined {
  if (path === undefined) return undefined;
  let read = readReferencePath(path, rawInput);
  if (!read.found) read = readReferencePath(path, effectiveInput);
  if (!read.found || typeof read.value !== 'number' || !Number.isInteger(read.value) || read.value < 1) {
    throw runtimeFailure(`${task.name}: ${field} ${path} must point to a positive integer`);
  }
  return read.value;
}

function asTaskFailure(error: unknown): TaskFailure {
  if (error instanceof TaskFailure) return error;
  if (error instanceof ExecutionCancelled) return new TaskFailure('States.Runtime', error.message, { retryable: false, catchable: false });
  const err = error as { name?: unknown; message?: unknown };
  return new TaskFailure(typeof err.name === 'string' ? err.name : 'Error', typeof err.message === 'string' ? err.message : String(error));
}
