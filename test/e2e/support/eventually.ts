/** How long an eventual check keeps trying by default: a saga with scaled-down retries settles well within it. */
export const DEFAULT_EVENTUALLY_TIMEOUT_MS = 20_000;

export interface EventuallyOptions {
  /** What is awaited, for the failure message ("order X leaves pending"). */
  what: string;
  timeoutMs?: number;
  /** Pause between attempts; a probe that long-polls (SQS) can use 0. */
  intervalMs?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `probe` until it returns without throwing, and returns its value. The system under test is
 * asynchronous by design (the saga runs after the response, events are delivered later), so a
 * check polls against a deadline instead of sleeping a fixed time. Past the deadline it fails with
 * the probe's last error, so a failed `expect` inside the probe reads as usual.
 */
export async function eventually<T>(probe: () => Promise<T>, options: EventuallyOptions): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_EVENTUALLY_TIMEOUT_MS);
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) {
        const failure = error instanceof Error ? error : new Error(String(error));
        failure.message = `not yet after ${options.timeoutMs ?? DEFAULT_EVENTUALLY_TIMEOUT_MS} ms: ${options.what}\n${failure.message}`;
        throw failure;
      }
    }
    await pause(options.intervalMs ?? 100);
  }
}
