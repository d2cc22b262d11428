import type { Context } from 'aws-lambda';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';
import { lambdaContext } from '#test/support/api-gateway-event';

export type LambdaHandler = (event: never, context: Context) => Promise<unknown>;

/** A fault injected in front of a function: the invocation answers this Lambda error instead. */
interface Fault {
  errorType: string;
  /** Invocations left to fail. */
  remaining: number;
  /** Run the handler first, then answer the error (its effect happened; the answer was lost). */
  afterRunning: boolean;
}

/**
 * The saga's functions called in this process, answering as Lambda does: a payload, or the thrown
 * error's name as `errorType` (what Retry and Catch match). Faults and duplicate deliveries can be
 * injected per function, to show each step is safe to run again.
 */
export class InProcessFunctions implements FunctionInvoker {
  readonly calls: { functionId: string; event: unknown }[] = [];
  private readonly faults = new Map<string, Fault>();
  private readonly duplicated = new Set<string>();
  private readonly hooks = new Map<string, { hook: () => Promise<unknown>; after: boolean; wait: boolean }>();

  constructor(private readonly handlers: Record<string, LambdaHandler>) {}

  /** The next `times` invocations of the function fail with `errorType` (before running it, or after). */
  fail(functionId: string, errorType: string, times = 1, afterRunning = false): void {
    this.faults.set(functionId, { errorType, remaining: times, afterRunning });
  }

  /** Every invocation of these functions runs the handler twice in a row (at-least-once delivery), answering the second. */
  deliverTwice(...functionIds: string[]): void {
    for (const id of functionIds) this.duplicated.add(id);
  }

  /**
   * Runs `hook` once, at the next invocation of the function: before the handler (`before`), alongside
   * it (`during`: started together, both awaited) or once it has answered (`after`).
   */
  intercept(functionId: string, when: 'before' | 'during' | 'after', hook: () => Promise<unknown>): void {
    this.hooks.set(functionId, { hook, after: when === 'after', wait: when !== 'during' });
  }

  reset(): void {
    this.faults.clear();
    this.duplicated.clear();
    this.hooks.clear();
    this.calls.length = 0;
  }

  callsTo(functionId: string) {
    return this.calls.filter((call) => call.functionId === functionId);
  }

  async invoke(functionId: string, event: unknown): Promise<InvokeResult> {
    this.calls.push({ functionId, event });
    const handler = this.handlers[functionId];
    if (!handler) return { ok: false, durationMs: 0, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionId}` } };
    const fault = this.faults.get(functionId);
    if (fault && fault.remaining > 0) {
      fault.remaining -= 1;
      if (fault.afterRunning) await this.run(handler, event);
      return { ok: false, durationMs: 1, error: { errorType: fault.errorType, errorMessage: `injected ${fault.errorType}` } };
    }
    const intercepted = this.hooks.get(functionId);
    this.hooks.delete(functionId);
    if (intercepted && !intercepted.after) {
      const running = intercepted.hook();
      if (intercepted.wait) await running;
      else {
        const [result] = await Promise.all([this.run(handler, event), running]);
        return result;
      }
    }
    if (this.duplicated.has(functionId)) await this.run(handler, event);
    const result = await this.run(handler, event);
    if (intercepted?.after) await intercepted.hook();
    return result;
  }

  private async run(handler: LambdaHandler, event: unknown): Promise<InvokeResult> {
    try {
      // A fresh copy each time, as each Lambda invocation gets its own deserialised payload.
      const payload = await handler(JSON.parse(JSON.stringify(event ?? null)) as never, lambdaContext());
      return { ok: true, payload, durationMs: 1 };
    } catch (error) {
      const { name, message } = error as Error;
      return { ok: false, durationMs: 1, error: { errorType: name || 'Error', errorMessage: message } };
    }
  }
}
