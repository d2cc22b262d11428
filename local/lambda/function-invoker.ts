/**
 * How every local event source (front door, bus, stream poller, scheduler, step functions) calls a
 * function of the catalogue. The implementation (local/lambda/function-host.ts) runs each function in
 * worker threads of its own, so module state and environment are per function, as in Lambda.
 */

export interface InvokeOptions {
  /** Lambda's InvocationType: 'Event' resolves once the invocation is queued, without the result. */
  invocationType?: 'RequestResponse' | 'Event';
}

/** A function's outcome, as Lambda reports it: a payload, or an error object (`FunctionError: Unhandled`). */
export type InvokeResult =
  | { ok: true; payload: unknown; durationMs: number }
  | { ok: false; error: { errorType: string; errorMessage: string; trace?: string[] }; durationMs: number };

export interface FunctionInvoker {
  invoke(functionId: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult>;
}
