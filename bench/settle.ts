/**
 * Waits until orders have finished their lives in the local runtime: their sagas stopped, and nothing
 * they set off still moving. `runtime.idle()` alone is not enough: a saga parked on a task token is
 * not "busy", and a chain (stream → function → bus → subscriber) can outlast its two rounds, so this
 * repeats it until a fingerprint of the runtime's work stops changing.
 */
import type { LocalRuntime } from '#local/runtime';

export interface SettleOptions {
  orderIds: string[];
  /** Anything that changes while work goes on (e.g. DynamoDB calls + events carried). */
  fingerprint: () => string;
  /** Also wait until this holds (e.g. a late webhook arrived). */
  until?: () => boolean;
  timeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function settle(runtime: LocalRuntime, options: SettleOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const wanted = new Set(options.orderIds);
  const stillRunning = () => {
    const executions = runtime.stepFunctions.executions().filter((execution) => wanted.has(execution.name));
    const started = new Set(executions.map((execution) => execution.name));
    return executions.some((execution) => execution.status === 'RUNNING') || [...wanted].some((orderId) => !started.has(orderId));
  };
  for (;;) {
    await runtime.idle();
    if (!stillRunning() && (options.until?.() ?? true)) {
      const before = options.fingerprint();
      await runtime.idle();
      if (options.fingerprint() === before) return;
      continue;
    }
    if (Date.now() > deadline) throw new Error(`orders did not settle within ${options.timeoutMs} ms: ${[...wanted].slice(0, 5).join(', ')}`);
    await sleep(20);
  }
}
