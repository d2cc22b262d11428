// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#lambda.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { channel } from 'node:diagnostics_channel';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec, RetryPolicySpec } from '#contracts/wiring';
import { LocalServiceError } from '../aws-api/service-error';
import { LOCAL_REGION, localFunctionArn } from '../local-identity';
import { type AsyncAttemptOutcome, type AsyncFailureRecord, AsyncInvocations } from './async-invocations';
import { ConcurrencyLimits, type ConcurrencySettings } from './concurrency-limits';
import type { FunctionInvoker, InvokeOptions, InvokeResult } from './function-invoker';
import { correlationIdOfEvent, type FunctionLogSink, rawFunctionLogs } from './function-logs';
import type { InvokeMessage, SerializedError, WorkerBootData, WorkerReply } from './worker-protocol';

export interface HostedFunction {
  spec: FunctionSpec;
  bundlePath: string;
  /** The function's environment (functionEnvironment() plus the local endpoints). */
  environment: Record<string, string>;
  /**
   * Its sandboxes' threads run at this nice value, or the process's if that is lower in priority (Linux;
   * 0 or absent: the process's). On AWS every sandbox has a CPU share of its own; here they share a few
   * cores, so `npm start` lowers the functions no request waits for (saga steps, subscribers, the outbox
   * relay) to keep them from slowing the API's.
   */
  niceness?: number;
}

export interface FunctionHostOptions {
  workerPath: string;
  functions: HostedFunction[];
  /**
   * Sandboxes the host runs at once per function: a limit of this machine, not Lambda's (invocations
   * past it wait for a sandbox instead of starting one). Default 10.
   */
  maxConcurrencyPerFunction?: number;
  /**
   * Sandboxes starting at once in the whole host, whatever their function: a limit of this machine's
   * cores, not Lambda's. Loading a bundle is CPU work; ten loading at once on two cores each take five
   * times as long, and every invocation waiting for one waits that long. An invocation past it waits
   * for a start slot or for a sandbox of its function to free, whichever comes first. Default: the
   * machine's available parallelism less one (at least one), which leaves a core to the runtime's own
   * thread and DynamoDB Local.
   */
  maxStartingSandboxes?: number;
  /** Lambda's concurrency: the account's limit and functions' reserved concurrency (concurrency-limits.ts). */
  concurrency?: ConcurrencySettings;
  /** Asynchronous invocations (async-invocations.ts): each function's EventInvokeConfig, and a scale for Lambda's waits. */
  asyncInvocation?: { config?(functionId: string): RetryPolicySpec | undefined; delayScale?: number };
  /** Where the functions' log lines and the invocation records go. Default: the lines as written, on stdout/stderr. */
  logs?: FunctionLogSink;
  /** Node's module compile cache for the sandboxes (none: each sandbox compiles its bundle again). */
  compileCacheDir?: string;
}

/** Node options that load modules before the entry (a TypeScript loader such as tsx's): a sandbox runs without them. */
const PRELOAD_OPTIONS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** This process's Node options without its preloads; the rest (a profiler's, a heap limit) apply in the sandboxes too. */
export function sandboxExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index += 1) {
    const option = execArgv[index]!;
    if (PRELOAD_OPTIONS.has(option)) index += 1;
    else if (!PRELOAD_OPTIONS.has(option.split('=')[0]!)) kept.push(option);
  }
  return kept;
}

/**
 * Lambda's payload limit for synchronous invocations, request and response alike ("Lambda quotas",
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: 6 MB). A larger request is
 * refused (413); a larger response fails the invocation with `Function.ResponseSizeTooLarge`, which API
 * Gateway answers 502.
 */
const MAX_SYNC_REQUEST_BYTES = 6 * 1024 * 1024;
const MAX_SYNC_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

/** One finished invocation, as Lambda would bill it: configured memory × duration. */
export interface FunctionInvocationRecord {
  functionId: string;
  memorySize: number;
  durationMs: number;
  ok: boolean;
}

/**
 * Every finished invocation of every FunctionHost is published here, so meters (the benchmark's Lambda
 * cost) can observe from outside without being threaded through the runtime. Costs nothing unsubscribed.
 */
export const functionInvocations = channel('ordersaga.local.function-invocation');

interface Sandbox {
  worker: Worker;
  ready: Promise<void>;
  /** Its bundle is loaded (or failed to load): until then it takes no invocation, and it is the function's one starting sandbox. */
  started: boolean;
  /** Epoch ms when it was started: a cold start's invocation counts its init from then. */
  startedAt: number;
  busy: boolean;
  /** Invocations it has run: the first one is the cold start, unless it was started ahead of need. */
  invocations: number;
  /** Started by `prestart`, as provisioned concurrency: its first invocation is not a cold start. */
  provisioned: boolean;
}

interface PendingInvocation {
  event: unknown;
  /** Epoch ms when it was queued. */
  queuedAt: number;
  resolve: (result: InvokeResult) => void;
}

/**
 * Runs each function of the catalogue in worker threads, one invocation per worker at a time, so
 * module state, environment variables and cold starts are per function as in Lambda. A timed-out
 * invocation terminates its worker, as Lambda discards a timed-out sandbox. An invocation past the
 * function's reserved concurrency or the account's limit is throttled as Lambda throttles it
 * (`TooManyRequestsException`); an asynchronous one is queued and retried with Lambda's rules.
 */
export class FunctionHost implements FunctionInvoker {
  private readonly functions = new Map<string, HostedFunction>();
  private readonly sandboxes = new Map<string, Sandbox[]>();
  private readonly queues = new Map<string, PendingInvocation[]>();
  private readonly maxConcurrency: number;
  private readonly maxStarting: number;
  /** Functions with an invocation that wants a sandbox started, in the order they first asked: the start slots go to them in turn. */
  private readonly waitingForStartSlot = new Set<string>();
  /** Sandboxes asked for ahead of need (`prestart`), started when no invocation wants the slot. */
  private readonly prestarts: { functionId: string; loaded: () => void }[] = [];
  private readonly limits: ConcurrencyLimits;
  private readonly asyncInvocations: AsyncInvocations;
  private readonly logs: FunctionLogSink;
  private closed = false;

  constructor(private readonly options: FunctionHostOptions) {
    for (const fn of options.functions) this.functions.set(fn.spec.id, fn);
    this.maxConcurrency = options.maxConcurrencyPerFunction ?? 10;
    this.maxStarting = Math.max(1, options.maxStartingSandboxes ?? availableParallelism() - 1);
    this.limits = new ConcurrencyLimits(options.concurrency);
    this.logs = options.logs ?? rawFunctionLogs;
    this.asyncInvocations = new AsyncInvocations({
      attempt: (functionId, event) => this.attemptAsync(functionId, event),
      functionArn: localFunctionArn,
      config: options.asyncInvocation?.config,
      delayScale: options.asyncInvocation?.delayScale,
    });
  }

  /**
   * Lambda's Invoke. Synchronous: the function's result, or a thrown LocalServiceError where Lambda's
   * API answers an error (429 throttled, 413 request too large). `Event`: queued and answered at once.
   */
  async invoke(functionId: string, event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    const fn = this.functions.get(functionId);
    if (!fn) {
      return { ok: false, durationMs: 0, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionId}` } };
    }
    if (options.invocationType === 'Event') {
      // Lambda answers 202 once the event is queued; the outcome only reaches logs and destinations.
      this.asyncInvocations.accept(functionId, event, randomUUID());
      return { ok: true, payload: null, durationMs: 0 };
    }
    const requestBytes = Buffer.byteLength(JSON.stringify(event ?? null));
    if (requestBytes > MAX_SYNC_REQUEST_BYTES) {
      throw new LocalServiceError(
        'RequestEntityTooLargeException',
        `${requestBytes} byte payload is too large for the RequestResponse invocation type (limit ${MAX_SYNC_REQUEST_BYTES} bytes)`,
        413,
      );
    }
    if (!this.limits.tryAcquire(functionId)) throw new LocalServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
    let result: InvokeResult;
    try {
      result = await this.enqueue(fn, event);
    } finally {
      this.limits.release(functionId);
    }
    if (result.ok && Buffer.byteLength(JSON.stringify(result.payload)) > MAX_SYNC_RESPONSE_BYTES) {
      return this.failure(
        'Function.ResponseSizeTooLarge',
        `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`,
        result.durationMs,
      );
    }
    return result;
  }

  /** Resolves when no asynchronous invocation is queued, running or waiting for a retry. */
  asyncIdle(): Promise<void> {
    return this.asyncInvocations.idle();
  }

  /** What asynchronous invocations sent to the on-failure destinations, oldest first (of one function, or of all). */
  asyncFailures(functionId?: string): AsyncFailureRecord[] {
    return this.asyncInvocations.failures(functionId);
  }

  /** One attempt of a queued asynchronous invocation: `throttled` when no concurrency is left for it. */
  private async attemptAsync(functionId: string, event: unknown): Promise<AsyncAttemptOutcome> {
    const fn = this.functions.get(functionId)!;
    if (!this.limits.tryAcquire(functionId)) return 'throttled';
    try {
      return await this.enqueue(fn, event);
    } finally {
      this.limits.release(functionId);
    }
  }

  private enqueue(fn: HostedFunction, event: unknown): Promise<InvokeResult> {
    return new Promise<InvokeResult>((resolve) => {
      const queue = this.queues.get(fn.spec.id) ?? [];
      queue.push({ event, queuedAt: Date.now(), resolve });
      this.queues.set(fn.spec.id, queue);
      this.dispatch(fn);
    });
  }

  /** Terminates every sandbox; queued invocations fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.asyncInvocations.close();
    for (const [, queue] of this.queues) {
      for (const pending of queue.splice(0)) pending.resolve(this.failure('Runtime.Shutdown', 'the local runtime is stopping', 0));
    }
    const all = [...this.sandboxes.values()].flat();
    this.sandboxes.clear();
    await Promise.all(all.map((sandbox) => sandbox.worker.terminate()));
  }

  /**
   * Gives the oldest queued invocation to an idle, started sandbox. With none, it starts one more
   * sandbox for each queued invocation that no starting sandbox will take, up to the host's limit: as
   * Lambda scales out, a burst of concurrent invocations starts as many instances
   * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html). A queued invocation runs on
   * whichever of its function's sandboxes is free first, a started one or one that finished its last
   * invocation; each sandbox runs one invocation at a time, as in Lambda.
   */
  private dispatch(fn: HostedFunction): void {
    if (this.closed) return;
    const queue = this.queues.get(fn.spec.id);
    if (!queue?.length) return;
    const pool = this.poolOf(fn.spec.id);
    const sandbox = pool.find((candidate) => candidate.started && !candidate.busy);
    if (!sandbox) {
      if (this.wantsSandbox(fn.spec.id)) {
        this.waitingForStartSlot.add(fn.spec.id);
        this.grantStartSlots();
      }
      return; // the starting sandbox, the next finished invocation or a freed start slot dispatches again
    }
    const pending = queue.shift()!;
    sandbox.busy = true;
    void this.run(fn, sandbox, pending).then((result) => {
      sandbox.busy = false;
      if (functionInvocations.hasSubscribers) {
        functionInvocations.publish({
          functionId: fn.spec.id,
          memorySize: fn.spec.memorySize,
          durationMs: result.durationMs,
          ok: result.ok,
        } satisfies FunctionInvocationRecord);
      }
      pending.resolve(result);
      this.dispatch(fn);
    });
    // More queued and more idle sandboxes: the next one too.
    if (queue.length) this.dispatch(fn);
  }

  private poolOf(functionId: string): Sandbox[] {
    let pool = this.sandboxes.get(functionId);
    if (!pool) {
      pool = [];
      this.sandboxes.set(functionId, pool);
    }
    return pool;
  }

  private startSandbox(fn: HostedFunction): Sandbox {
    const boot: WorkerBootData = {
      bundlePath: fn.bundlePath,
      handlerName: fn.spec.handler,
      functionName: fn.spec.id,
      functionArn: localFunctionArn(fn.spec.id),
      memorySize: fn.spec.memorySize,
      compileCacheDir: this.options.compileCacheDir,
      niceness: fn.niceness,
    };
    const worker = new Worker(this.options.workerPath, {
      workerData: boot,
      env: {
        ...fn.environment,
        AWS_LAMBDA_FUNCTION_NAME: fn.spec.id,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.spec.memorySize),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_REGION: fn.environment.AWS_REGION ?? LOCAL_REGION,
        AWS_DEFAULT_REGION: fn.environment.AWS_REGION ?? LOCAL_REGION,
      },
      // The bundles are plain JavaScript: no TypeScript loader (tsx's hooks would run on every require of a bundle).
      execArgv: sandboxExecArgv(process.execArgv),
      // Lambda sizes the heap from the configured memory.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(128, fn.spec.memorySize) },
    });
    worker.unref();
    // Lines the function writes, including those of its start-up (no request id yet).
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind !== 'log') return;
      for (const text of reply.text.replace(/\n$/, '').split('\n'))
        this.logs.line({ functionId: fn.spec.id, requestId: reply.requestId, stream: reply.stream, text });
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.kind === 'ready') resolve();
        if (reply.kind === 'boot-failed') reject(reply.error);
        if (reply.kind === 'ready' || reply.kind === 'boot-failed') worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', (error) => reject({ errorType: 'Runtime.ExitError', errorMessage: error.message }));
    });
    const sandbox: Sandbox = { worker, ready, startedAt: Date.now(), started: false, busy: false, invocations: 0, provisioned: false };
    // Ready or not (a failed start fails the invocation it is given, as Lambda's init error does): it takes invocations now.
    const started = () => {
      if (sandbox.started) return;
      sandbox.started = true;
      this.dispatch(fn);
      this.grantStartSlots();
    };
    ready.then(started, started);
    worker.once('exit', () => {
      this.discard(fn.spec.id, sandbox);
      // Gone before it was ready: the invocations that waited for it need another.
      if (!sandbox.started) started();
    });
    return sandbox;
  }

  /**
   * Starts one sandbox of each of these functions that has none yet, ahead of its first invocation, as
   * Lambda's provisioned concurrency initializes environments before they are needed
   * (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html). The starts take the
   * start slots no invocation is waiting for. Resolves once each has loaded its bundle (or failed to: its
   * first invocation then fails, as a cold one would).
   */
  prestart(functionIds: readonly string[]): Promise<void> {
    const loads = functionIds.map((functionId) => new Promise<void>((loaded) => this.prestarts.push({ functionId, loaded })));
    this.grantStartSlots();
    return Promise.all(loads).then(() => undefined);
  }

  /** Sandboxes loading their bundle now, in every function. */
  private startingSandboxes(): number {
    let starting = 0;
    for (const pool of this.sandboxes.values()) starting += pool.filter((sandbox) => !sandbox.started).length;
    return starting;
  }

  /** No idle sandbox, room for one more, and more invocations waiting than sandboxes starting. */
  private wantsSandbox(functionId: string): boolean {
    const pool = this.poolOf(functionId);
    const waiting = this.queues.get(functionId)?.length ?? 0;
    return (
      !this.closed &&
      !pool.some((sandbox) => sandbox.started && !sandbox.busy) &&
      pool.length < this.maxConcurrency &&
      pool.filter((sandbox) => !sandbox.started).length < waiting
    );
  }

  /**
   * Gives the free start slots to the functions that asked, one sandbox each in the order they asked (a
   * function that still wants more asks again, behind the others, so a burst on one function does not
   * hold back another's first sandbox), then to the prestarts.
   */
  private grantStartSlots(): void {
    for (const functionId of this.waitingForStartSlot) {
      if (this.startingSandboxes() >= this.maxStarting) return;
      this.waitingForStartSlot.delete(functionId);
      const fn = this.functions.get(functionId);
      if (!fn || !this.wantsSandbox(functionId)) continue;
      this.poolOf(functionId).push(this.startSandbox(fn));
      if (this.wantsSandbox(functionId)) this.waitingForStartSlot.add(functionId);
    }
    while (this.startingSandboxes() < this.maxStarting && this.prestarts.length > 0) {
      const { functionId, loaded } = this.prestarts.shift()!;
      const fn = this.functions.get(functionId);
      const pool = this.poolOf(functionId);
      if (!fn || pool.length > 0 || this.closed) {
        loaded();
        continue;
      }
      const sandbox = this.startSandbox(fn);
      sandbox.provisioned = true;
      pool.push(sandbox);
      sandbox.ready.then(loaded, loaded);
    }
  }

  private discard(functionId: string, sandbox: Sandbox): void {
    const pool = this.sandboxes.get(functionId);
    if (pool)
      this.sandboxes.set(
        functionId,
        pool.filter((candidate) => candidate !== sandbox),
      );
  }

  private async run(fn: HostedFunction, sandbox: Sandbox, { event, queuedAt }: PendingInvocation): Promise<InvokeResult> {
    const coldStart = sandbox.invocations === 0 && !sandbox.provisioned;
    // A cold start counts its sandbox's start, from when the invocation waited for it at the earliest.
    const started = coldStart ? Math.max(sandbox.startedAt, queuedAt) : Date.now();
    sandbox.invocations += 1;
    const requestId = randomUUID();
    const result = await this.runIn(fn, sandbox, event, requestId, started);
    this.logs.invocation({
      functionId: fn.spec.id,
      requestId,
      startedAt: started,
      durationMs: result.durationMs,
      coldStart,
      outcome: result.ok ? 'ok' : 'error',
      ...(result.ok ? {} : { error: result.error }),
      correlationId: correlationIdOfEvent(event),
    });
    return result;
  }

  private async runIn(fn: HostedFunction, sandbox: Sandbox, event: unknown, requestId: string, started: number): Promise<InvokeResult> {
    try {
      await sandbox.ready;
    } catch (error) {
      this.discard(fn.spec.id, sandbox);
      void sandbox.worker.terminate();
      const failure = error as SerializedError;
      return this.failure(failure.errorType, failure.errorMessage, Date.now() - started);
    }
    const timeoutMs = fn.spec.timeoutSeconds * 1000;
    const message: InvokeMessage = { kind: 'invoke', requestId, event, deadline: Date.now() + timeoutMs };
    return new Promise<InvokeResult>((resolve) => {
      const finish = (result: InvokeResult) => {
        clearTimeout(timer);
        sandbox.worker.off('message', onMessage);
        sandbox.worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.kind === 'result' && reply.requestId === message.requestId) {
          finish({ ok: true, payload: reply.payload, durationMs: Date.now() - started });
        } else if (reply.kind === 'error' && reply.requestId === message.requestId) {
          finish({ ok: false, error: reply.error, durationMs: Date.now() - started });
        }
      };
      const onExit = (code: number) =>
        finish(
          this.failure('Runtime.ExitError', `RequestId: ${message.requestId} Error: Runtime exited with error: exit status ${code}`, Date.now() - started),
        );
      const timer = setTimeout(() => {
        // Lambda freezes and discards a timed-out sandbox; module state does not survive.
        this.discard(fn.spec.id, sandbox);
        void sandbox.worker.terminate();
        finish(this.failure('Sandbox.Timedout', `Task timed out after ${fn.spec.timeoutSeconds.toFixed(2)} seconds`, Date.now() - started));
      }, timeoutMs);
      sandbox.worker.on('message', onMessage);
      sandbox.worker.once('exit', onExit);
      sandbox.worker.postMessage(message);
    });
  }

  private failure(errorType: string, errorMessage: string, durationMs: number): InvokeResult {
    return { ok: false, durationMs, error: { errorType, errorMessage } };
  }
}
