import type { Retrier } from './definition-catalog';
import type { JsonValue } from './json';

/**
 * What one running execution is doing right now, as far as the shim can see: work in progress (resource
 * calls, waits, retry backoffs) versus tasks parked on a task token. `idle()` reads it; StopExecution
 * and the end of an execution cancel everything still in flight through it.
 */

/** How the next attempt of a Task state begins: fresh (state entered) or as retry number `attempt`. */
export interface AttemptStart {
  retry?: { retrier: Retrier; attempt: number };
}

/** Ends in-flight work of a stopped or finished execution; the library must neither retry nor catch it. */
export class ExecutionCancelled extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('the execution is no longer running');
    this.name = 'ExecutionCancelled';
  }
}

export interface ActivityTicket {
  /** The task now waits for a task token (outside input), not on local work. */
  parkOnToken(): void;
  end(): void;
}

export class ExecutionActivity {
  private working = 0;
  private parked = 0;
  private readonly cancellers = new Set<(error: Error) => void>();
  /** Per Task state, a queue of pending attempt starts (one per entry or retry, in event order). */
  private readonly attemptStarts = new Map<string, AttemptStart[]>();
  /** Per state, the raw input it was last entered with (where `*SecondsPath` fields point). */
  private readonly enteredInputs = new Map<string, JsonValue>();
  private cancelled = false;

  constructor(private readonly onChange: () => void) {}

  /** No local work in flight and at least one task waiting for its token. */
  get parkedOnTokens(): boolean {
    return this.working === 0 && this.parked > 0;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  ticket(): ActivityTicket {
    let state: 'working' | 'parked' | 'ended' = 'working';
    this.working += 1;
    this.onChange();
    return {
      parkOnToken: () => {
        if (state !== 'working') return;
        state = 'parked';
        this.working -= 1;
        this.parked += 1;
        this.onChange();
      },
      end: () => {
        if (state === 'ended') return;
        if (state === 'working') this.working -= 1;
        else this.parked -= 1;
        state = 'ended';
        this.onChange();
      },
    };
  }

  /** Registers a cancel hook for something in flight; returns its removal. */
  onCancel(hook: (error: Error) => void): () => void {
    if (this.cancelled) {
      hook(new ExecutionCancelled());
      return () => undefined;
    }
    this.cancellers.add(hook);
    return () => this.cancellers.delete(hook);
  }

  /** Ends everything still in flight (StopExecution, execution timeout, end of the run, close()). */
  cancelAll(): void {
    this.cancelled = true;
    const hooks = [...this.cancellers];
    this.cancellers.clear();
    for (const hook of hooks) hook(new ExecutionCancelled());
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new ExecutionCancelled();
  }

  /** A sleep that StopExecution cuts short (with ExecutionCancelled). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          remove();
          resolve();
        },
        Math.min(ms, 2_147_483_647),
      );
      const remove = this.onCancel((error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  noteStateEntered(name: string, input: JsonValue, isTask: boolean): void {
    this.enteredInputs.set(name, input);
    if (isTask) this.queueAttempt(name, {});
  }

  noteRetry(name: string, retrier: Retrier, attempt: number): void {
    this.queueAttempt(name, { retry: { retrier, attempt } });
  }

  takeAttemptStart(name: string): AttemptStart {
    return this.attemptStarts.get(name)?.shift() ?? {};
  }

  enteredInput(name: string): JsonValue | undefined {
    return this.enteredInputs.get(name);
  }

  private queueAttempt(name: string, start: AttemptStart): void {
    const queue = this.attemptStarts.get(name) ?? [];
    queue.push(start);
    this.attemptStarts.set(name, queue);
  }
}
