import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import { LocalServiceError } from '../aws-api/service-error';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-identity';
import type {
  DescribeExecutionRequest,
  DescribeExecutionResponse,
  GetExecutionHistoryRequest,
  GetExecutionHistoryResponse,
  ListExecutionsRequest,
  ListExecutionsResponse,
  LocalExecutionView,
  RedriveExecutionRequest,
  RedriveExecutionResponse,
  SendTaskFailureRequest,
  SendTaskFailureResponse,
  SendTaskHeartbeatRequest,
  SendTaskHeartbeatResponse,
  SendTaskSuccessRequest,
  SendTaskSuccessResponse,
  StartExecutionRequest,
  StartExecutionResponse,
  StopExecutionRequest,
  StopExecutionResponse,
} from './api-types';
import { holdDeadLambdaEndpoint, LIBRARY_AWS_CONFIG } from './dead-endpoint';
import { catalogDefinition, type DefinitionCatalog, type Retrier, UnsupportedDefinitionError } from './definition-catalog';
import { ExecutionActivity } from './execution-activity';
import { ExecutionRecord, type MachineIdentity } from './execution-record';
import { type ExecutionStore, recordOfKept } from './execution-store';
import { deepCopy, toJsonText, type JsonObject, type JsonValue } from './json';
import { awsErrorOf, LibraryEventTranslator, LOCAL_EXECUTION_ROLE_ARN } from './library-event-translator';
import { redrivePointOf, type RedrivePoint } from './redrive-point';
import { buildRunnableDefinition, indexStates } from './runnable-definition';
import { TaskResourceDispatcher, type ExecutionStarter, type TaskDispatchDeps } from './task-dispatch';
import { type ResumedWait, stateHandlers } from './task-state-shim';
import { TaskTokenRegistry } from './task-tokens';

/**
 * Step Functions in process: runs the real ASL with aws-local-stepfunctions and answers the Step
 * Functions API (request and response JSON exactly as AWS's JSON protocol carries them, timestamps as
 * epoch seconds) so handler code using SFNClient works unchanged against it. See task-state-shim.ts
 * for what the shim adds to the library (task tokens, timeouts, heartbeats, backoff, no AWS fallback).
 */

export interface StateMachineSource {
  /** The wiring's id (the ARN's last segment). */
  id: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** ASL (JSONPath), substitutions already applied. */
  definition: object;
}

export interface LocalStepFunctionsOptions {
  machines: StateMachineSource[];
  /** The services Task states call (functions, DynamoDB, the bus). */
  tasks: TaskDispatchDeps;
  /** Replaces the dispatcher built from `tasks` (custom routing). */
  dispatcher?: TaskResourceDispatcher;
  /** Multiplies Retry pauses (IntervalSeconds, BackoffRate, MaxDelaySeconds); tests use ~0.001. */
  retryDelayScale?: number;
  /** Multiplies Wait state durations. */
  waitScale?: number;
  /** Multiplies Task TimeoutSeconds/HeartbeatSeconds and the execution's TimeoutSeconds. Default 1. */
  timeoutScale?: number;
  /** Validate each definition with the interpreter's ASL validator at construction (default true). */
  validate?: boolean;
  /**
   * Keeps the Standard executions (`--persist`): those of earlier runs are known again, and the
   * running ones continue where they were (docs/local-runtime-fidelity.md#step-functions).
   */
  store?: ExecutionStore;
}

export interface IdleOptions {
  /**
   * true (default): resolve when no execution is running at all.
   * false: also resolve when every running execution is only waiting for task tokens (nothing local is
   * in progress), e.g. a saga parked on a payment webhook that something else will send later.
   */
  includeWaiting?: boolean;
}

interface MachineRuntime {
  identity: MachineIdentity;
  catalog: DefinitionCatalog;
  runnable: StateMachine;
  runnableDefinition: JsonObject;
  runnableStates: Map<string, JsonObject>;
  /** The same definition starting at another top-level state (what a redrive runs), by that state. */
  runnableFrom: Map<string, StateMachine>;
}

interface LiveExecution {
  record: ExecutionRecord;
  activity: ExecutionActivity;
  abort: () => void;
  stop?: { error?: string; cause?: string };
  finished: Promise<void>;
}

const MAX_INPUT_BYTES = 262_144;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/**
 * RedriveExecution answers a repeated client token with the same redrive only "for the last 10 client
 * tokens used to successfully redrive the execution", each "valid for up to 15 minutes after they are
 * first used" (AWS docs, Step Functions API Reference, "RedriveExecution",
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html).
 */
const REDRIVE_TOKEN_LIFETIME_MS = 15 * 60_000;
const REDRIVE_TOKENS_KEPT = 10;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what an execution name may not hold.
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export class LocalStepFunctions implements ExecutionStarter {
  private readonly machines = new Map<string, MachineRuntime>();
  private readonly records = new Map<string, ExecutionRecord>();
  /** STANDARD executions by machine and name (StartExecution's idempotency key). */
  private readonly byName = new Map<string, ExecutionRecord>();
  private readonly live = new Map<string, LiveExecution>();
  private readonly tokens = new TaskTokenRegistry();
  private readonly dispatcher: TaskResourceDispatcher;
  private readonly scales: { retryDelayScale: number; waitScale: number; timeoutScale: number };
  /** `$$.Task.Token` in every run; each callback attempt swaps it for a fresh token. */
  private readonly tokenPlaceholder = `local-task-token-placeholder-${randomUUID()}`;
  private idleWaiters: { includeWaiting: boolean; resolve: () => void }[] = [];
  private idleCheckPending = false;
  private closed = false;
  private readonly store?: ExecutionStore;

  constructor(options: LocalStepFunctionsOptions) {
    this.dispatcher = options.dispatcher ?? new TaskResourceDispatcher(options.tasks);
    this.scales = {
      retryDelayScale: options.retryDelayScale ?? 1,
      waitScale: options.waitScale ?? 1,
      timeoutScale: options.timeoutScale ?? 1,
    };
    for (const source of options.machines) {
      const identity: MachineIdentity = { id: source.id, arn: source.arn, name: source.arn.split(':').at(-1) ?? source.id, type: source.type };
      const definition = source.definition as JsonObject;
      const catalog =
        source.type === 'EXPRESS' ? expressCatalog(catalogDefinition(definition, source.id), source.id) : catalogDefinition(definition, source.id);
      // The validator writes QueryLanguage into every state it checks: give it a copy.
      if (options.validate !== false) new StateMachine(deepCopy(definition) as unknown as StateMachineDefinition);
      const runnableDefinition = buildRunnableDefinition(definition, catalog, this.scales);
      const runnable = new StateMachine(runnableDefinition as unknown as StateMachineDefinition, {
        validationOptions: { noValidate: true },
        awsConfig: LIBRARY_AWS_CONFIG,
      });
      this.machines.set(source.arn, {
        identity,
        catalog,
        runnable,
        runnableDefinition,
        runnableStates: indexStates(runnableDefinition),
        runnableFrom: new Map(),
      });
    }
    this.store = options.store;
    if (this.store) this.continueKept(this.store);
  }

  // ----- The Step Functions API -----

  async startExecution(request: StartExecutionRequest): Promise<StartExecutionResponse> {
    if (this.closed) throw new LocalServiceError('ServiceUnavailable', 'the local Step Functions service is closed', 503);
    const machine = this.machineOf(request.stateMachineArn);
    const inputText = request.input ?? '{}';
    let input: JsonValue;
    try {
      if (typeof inputText !== 'string' || Buffer.byteLength(inputText) > MAX_INPUT_BYTES) throw new Error('too large');
      input = JSON.parse(inputText) as JsonValue;
    } catch {
      throw new LocalServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${String(inputText).slice(0, 200)}'`);
    }
    const name = request.name ?? randomUUID();
    if (typeof name !== 'string' || name.length < 1 || name.length > 80 || FORBIDDEN_NAME_CHARACTERS.test(name)) {
      throw new LocalServiceError('InvalidName', `Invalid Name: '${String(name)}'`);
    }

    const { identity } = machine;
    if (identity.type === 'STANDARD') {
      // Same name and input while it runs: the same execution. Otherwise (different input, or closed): refused.
      const existing = this.byName.get(`${identity.arn}\n${name}`);
      if (existing) {
        if (existing.running && existing.inputText === inputText) return { executionArn: existing.arn, startDate: existing.startMs / 1000 };
        throw new LocalServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
    }
    const arn =
      identity.type === 'STANDARD'
        ? `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:execution:${identity.name}:${name}`
        : `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:express:${identity.name}:${name}:${randomUUID()}`;
    const record = new ExecutionRecord(arn, name, identity, inputText);
    this.records.set(arn, record);
    if (identity.type === 'STANDARD') this.byName.set(`${identity.arn}\n${name}`, record);
    if (identity.type === 'STANDARD') this.store?.watch(record);
    this.launch(machine, record, input);
    return { executionArn: arn, startDate: record.startMs / 1000 };
  }

  async describeExecution(request: DescribeExecutionRequest): Promise<DescribeExecutionResponse> {
    return this.standardRecordOf(request.executionArn).describe();
  }

  async listExecutions(request: ListExecutionsRequest): Promise<ListExecutionsResponse> {
    const machine = this.machineOf(request.stateMachineArn);
    if (machine.identity.type !== 'STANDARD') {
      throw new LocalServiceError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    }
    const matching = [...this.records.values()]
      .filter((record) => record.machine.arn === machine.identity.arn && (!request.statusFilter || record.status === request.statusFilter))
      .reverse()
      .sort((a, b) => b.startMs - a.startMs);
    const page = paginate(matching, request.maxResults, request.nextToken);
    return { executions: page.items.map((record) => record.listEntry()), nextToken: page.nextToken };
  }

  async getExecutionHistory(request: GetExecutionHistoryRequest): Promise<GetExecutionHistoryResponse> {
    const record = this.standardRecordOf(request.executionArn);
    const events = record.history.toWire(request.includeExecutionData !== false);
    if (request.reverseOrder) events.reverse();
    const page = paginate(events, request.maxResults, request.nextToken);
    return { events: page.items, nextToken: page.nextToken };
  }

  /**
   * Continues a FAILED, TIMED_OUT or ABORTED Standard execution from the state it stopped in, with that
   * state's input (redrive-point.ts), in the same execution: its history goes on after an
   * `ExecutionRedriven` event, and `$$.Execution.RedriveCount` counts. A client token already used
   * answers the same redrive, for 15 minutes and among the execution's last 10 tokens, as AWS's do
   * (docs/local-runtime-fidelity.md#step-functions).
   */
  async redriveExecution(request: RedriveExecutionRequest): Promise<RedriveExecutionResponse> {
    if (this.closed) throw new LocalServiceError('ServiceUnavailable', 'the local Step Functions service is closed', 503);
    const record = this.standardRecordOf(request.executionArn);
    // A stopped execution's run may still be unwinding: the redrive begins once it has.
    if (!record.running) await this.live.get(record.arn)?.finished;
    const earlier = request.clientToken === undefined ? undefined : record.redriveTokens.get(request.clientToken);
    if (earlier !== undefined && Date.now() - earlier < REDRIVE_TOKEN_LIFETIME_MS) return { redriveDate: earlier / 1000 };
    const notRedrivable = record.notRedrivableReason();
    if (notRedrivable) throw new LocalServiceError('ExecutionNotRedrivable', `Execution not redrivable: '${record.arn}': ${notRedrivable}`);
    const machine = this.machineOf(record.machine.arn);
    const point = redrivePointOf(record.history, new Set(Object.keys(machine.runnableDefinition.States as JsonObject)));
    record.redrive();
    if (request.clientToken !== undefined) {
      record.redriveTokens.delete(request.clientToken);
      record.redriveTokens.set(request.clientToken, record.redriveMs!);
      // Only the last 10 tokens answer idempotently.
      while (record.redriveTokens.size > REDRIVE_TOKENS_KEPT) record.redriveTokens.delete(record.redriveTokens.keys().next().value!);
    }
    record.history.append('ExecutionRedriven', { redriveCount: record.redriveCount });
    this.launch(machine, record, point?.input ?? (JSON.parse(record.inputText) as JsonValue), point);
    return { redriveDate: record.redriveMs! / 1000 };
  }

  async stopExecution(request: StopExecutionRequest): Promise<StopExecutionResponse> {
    const record = this.standardRecordOf(request.executionArn);
    const live = this.live.get(record.arn);
    if (live) this.stop(live, { error: request.error, cause: request.cause });
    return { stopDate: (record.stopMs ?? Date.now()) / 1000 };
  }

  async sendTaskSuccess(request: SendTaskSuccessRequest): Promise<SendTaskSuccessResponse> {
    this.tokens.sendSuccess(request.taskToken, request.output);
    return {};
  }

  async sendTaskFailure(request: SendTaskFailureRequest): Promise<SendTaskFailureResponse> {
    this.tokens.sendFailure(request.taskToken, request.error, request.cause);
    return {};
  }

  async sendTaskHeartbeat(request: SendTaskHeartbeatRequest): Promise<SendTaskHeartbeatResponse> {
    this.tokens.sendHeartbeat(request.taskToken);
    return {};
  }

  // ----- Local-only helpers -----

  /** Every execution (STANDARD and EXPRESS), oldest first, with its full history; `name` filters (an order id). */
  executions(filter: { name?: string } = {}): LocalExecutionView[] {
    return [...this.records.values()]
      .filter((record) => filter.name === undefined || record.name === filter.name)
      .sort((a, b) => a.startMs - b.startMs)
      .map((record) => record.localView());
  }

  /** Resolves when no execution runs (see IdleOptions for executions parked on task tokens). */
  idle(options: IdleOptions = {}): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push({ includeWaiting: options.includeWaiting ?? true, resolve });
      this.scheduleIdleCheck();
    });
  }

  /** Aborts every running execution, retires every task token and timer; the service takes no new executions. */
  async close(): Promise<void> {
    this.closed = true;
    // Kept as they are now: the aborts below end the runs of this process, not the executions.
    this.store?.close();
    const running = [...this.live.values()];
    for (const live of running) this.stop(live, { error: 'States.Runtime', cause: 'the local runtime stopped' });
    this.tokens.retireAll();
    await Promise.all(running.map((live) => live.finished));
    for (const waiter of this.idleWaiters.splice(0)) waiter.resolve();
  }

  // ----- Running executions -----

  /**
   * The executions an earlier run kept: each known again, and each still RUNNING continued from the
   * top-level state it was last in, with that state's input (as a redrive continues one). A task
   * waiting on a token goes on waiting for the same token until the same deadline, a Wait state ends
   * when it was due; a state caught mid-step runs again (every step is idempotent).
   */
  private continueKept(store: ExecutionStore): void {
    for (const kept of store.load()) {
      const machine = this.machines.get(kept.stateMachineArn);
      if (!machine) continue;
      const record = recordOfKept(kept, machine.identity);
      this.records.set(record.arn, record);
      this.byName.set(`${machine.identity.arn}\n${record.name}`, record);
      store.watch(record);
      if (!record.running) continue;
      const point = redrivePointOf(record.history, new Set(Object.keys(machine.runnableDefinition.States as JsonObject)));
      const waiting = record.waiting?.stateName === point?.stateName ? record.waiting : undefined;
      // The token answers at once, even before the run is back in its state.
      const resume = waiting && { ...waiting, openToken: waiting.token ? this.tokens.open(record.arn, waiting.token) : undefined };
      this.launch(machine, record, point?.input ?? (JSON.parse(record.inputText) as JsonValue), point, resume);
    }
  }

  /**
   * Runs the execution from StartAt, or (a redrive, a continued execution) from `redrive.stateName`,
   * appending to its history; `resume`: where a continued execution waited.
   */
  private launch(machine: MachineRuntime, record: ExecutionRecord, input: JsonValue, redrive?: RedrivePoint, resume?: ResumedWait): void {
    const activity = new ExecutionActivity(() => this.scheduleIdleCheck());
    const live: LiveExecution = { record, activity, abort: () => undefined, finished: Promise.resolve() };
    const translator = new LibraryEventTranslator(
      record.history,
      machine.catalog,
      activity,
      {
        originalRetrier: (stateName, runnableRetrier) => originalRetrier(machine, stateName, runnableRetrier),
        stopDetails: () => live.stop ?? {},
      },
      record.redriveCount > 0 || record.history.length > 0,
      resume?.stateName,
    );
    const handlers = stateHandlers(machine.catalog, {
      record,
      activity,
      tokens: this.tokens,
      dispatcher: this.dispatcher,
      stepFunctions: this,
      scales: this.scales,
      tokenPlaceholder: this.tokenPlaceholder,
      resume,
    });
    const release = holdDeadLambdaEndpoint();
    const runnable = redrive ? this.runnableFrom(machine, redrive.stateName) : machine.runnable;
    const run = runnable.run(input, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: record.arn, Name: record.name, RoleArn: LOCAL_EXECUTION_ROLE_ARN, RedriveCount: record.redriveCount },
        StateMachine: { Id: machine.identity.arn, Name: machine.identity.name },
        Task: { Token: this.tokenPlaceholder },
      },
    });
    live.abort = run.abort;
    this.live.set(record.arn, live);

    const historyWritten = (async () => {
      for await (const event of run.eventLogs) translator.translate(event);
    })().catch((error: unknown) => process.stderr.write(`local step functions: history of ${record.arn}: ${String(error)}\n`));
    const outcome = run.result.then(
      (output) => () => record.finish('SUCCEEDED', { outputText: toJsonText(output) }),
      (error: unknown) => () => this.recordFailure(live, error),
    );
    live.finished = Promise.all([outcome, historyWritten]).then(([finish]) => {
      finish();
      activity.cancelAll();
      this.tokens.retireAllOf(record.arn);
      this.live.delete(record.arn);
      this.store?.changed(record);
      release();
      this.scheduleIdleCheck();
    });
  }

  private runnableFrom(machine: MachineRuntime, stateName: string): StateMachine {
    let runnable = machine.runnableFrom.get(stateName);
    if (!runnable) {
      const definition = { ...deepCopy(machine.runnableDefinition), StartAt: stateName };
      runnable = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true }, awsConfig: LIBRARY_AWS_CONFIG });
      machine.runnableFrom.set(stateName, runnable);
    }
    return runnable;
  }

  private recordFailure(live: LiveExecution, error: unknown): void {
    if (error instanceof ExecutionAbortedError) {
      live.record.finish('ABORTED', live.stop);
    } else if (error instanceof ExecutionTimeoutError) {
      live.record.finish('TIMED_OUT', { error: 'States.Timeout' });
    } else if (error instanceof ExecutionError) {
      const inner = error.cause as { name?: string; cause?: unknown; message?: string } | undefined;
      live.record.finish('FAILED', awsErrorOf(inner?.name ?? 'States.Runtime', inner?.cause ?? inner?.message));
    } else {
      live.record.finish('FAILED', { error: 'States.Runtime', cause: error instanceof Error ? error.message : String(error) });
    }
  }

  private stop(live: LiveExecution, details: { error?: string; cause?: string }): void {
    live.stop = details;
    live.record.finish('ABORTED', details);
    live.abort();
    live.activity.cancelAll();
    this.tokens.retireAllOf(live.record.arn);
  }

  private scheduleIdleCheck(): void {
    if (this.idleCheckPending || this.idleWaiters.length === 0) return;
    this.idleCheckPending = true;
    // A macrotask later: the library's state transitions (microtasks) have settled by then.
    setImmediate(() => {
      this.idleCheckPending = false;
      this.idleWaiters = this.idleWaiters.filter((waiter) => {
        const idle = [...this.live.values()].every((live) => !waiter.includeWaiting && live.activity.parkedOnTokens);
        if (idle) waiter.resolve();
        return !idle;
      });
    });
  }

  // ----- Lookups -----

  private machineOf(arn: unknown): MachineRuntime {
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_.-]+/.test(arn)) {
      throw new LocalServiceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const machine = this.machines.get(arn);
    if (!machine) throw new LocalServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** DescribeExecution, GetExecutionHistory and StopExecution work on STANDARD executions only, as on AWS. */
  private standardRecordOf(arn: unknown): ExecutionRecord {
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution|express):/.test(arn)) {
      throw new LocalServiceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const record = this.records.get(arn);
    if (!record) throw new LocalServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    if (record.machine.type !== 'STANDARD') throw new LocalServiceError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
    return record;
  }
}

/**
 * An Express workflow runs for at most five minutes and supports only request-response service
 * integrations (AWS docs, "Choosing workflow type in Step Functions" and "Discover service integration
 * patterns in Step Functions": Express workflows support neither `.sync` nor `.waitForTaskToken`), and
 * Step Functions refuses such a definition when the machine is created. The same here: a definition
 * with a callback task is refused, and the execution's timeout is its own TimeoutSeconds, at most 300.
 */
export const EXPRESS_MAX_DURATION_SECONDS = 300;

function expressCatalog(catalog: DefinitionCatalog, label: string): DefinitionCatalog {
  for (const task of catalog.tasks.values()) {
    if (task.resource.pattern !== 'request-response' || /\.sync(:\d+)?$/.test(task.resource.arn)) {
      throw new UnsupportedDefinitionError(
        `${label}: state ${task.name} uses ${task.resource.arn}; an Express state machine supports only request-response service integrations (no .sync, no .waitForTaskToken)`,
      );
    }
  }
  return { ...catalog, timeoutSeconds: Math.min(catalog.timeoutSeconds ?? EXPRESS_MAX_DURATION_SECONDS, EXPRESS_MAX_DURATION_SECONDS) };
}

function originalRetrier(machine: MachineRuntime, stateName: string, runnableRetrier: unknown): Retrier | undefined {
  const runnable = machine.runnableStates.get(stateName);
  const index = Array.isArray(runnable?.Retry) ? runnable.Retry.indexOf(runnableRetrier as JsonValue) : -1;
  return index < 0 ? undefined : machine.catalog.states.get(stateName)?.retriers[index];
}

function paginate<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  const size = !maxResults ? DEFAULT_PAGE_SIZE : Math.min(maxResults, MAX_PAGE_SIZE);
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = /^[0-9]+$/.test(Buffer.from(nextToken, 'base64url').toString('utf8')) ? Number(Buffer.from(nextToken, 'base64url').toString('utf8')) : -1;
    if (decoded < 0 || decoded > items.length) throw new LocalServiceError('InvalidToken', "Invalid Token: 'Invalid pagination token'");
    offset = decoded;
  }
  const end = offset + size;
  return { items: items.slice(offset, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}
