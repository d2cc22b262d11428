/**
 * Keeps count of the bus's background deliveries so tests and shutdown can wait for them (`idle`) or
 * stop them (`cancel`). A job runs after the call that started it has returned (deliveries are
 * asynchronous in EventBridge too), and waits between retries with `sleep`, which cancel cuts short.
 */
export class PendingWork {
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private sleepers = new Map<NodeJS.Timeout, () => void>();
  private cancelled = false;

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Runs `job` on a later turn of the event loop and counts it until it settles. */
  start(job: () => Promise<void>): void {
    if (this.cancelled) return;
    this.running++;
    setImmediate(() => {
      job()
        .catch(() => undefined) // jobs report their own failures; a throw must not wedge idle()
        .finally(() => this.finish());
    });
  }

  /** Waits `ms`; resolves true when the time has passed, false when cancelled first. */
  sleep(ms: number): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve(true);
      }, ms);
      this.sleepers.set(timer, () => resolve(false));
    });
  }

  /** Resolves when no job is running or waiting. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting jobs and wakes every sleeping one with `false` so it can give up. */
  cancel(): void {
    this.cancelled = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
  }

  private finish(): void {
    this.running--;
    if (this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
