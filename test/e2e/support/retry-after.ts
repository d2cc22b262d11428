import type { ApiCall, CallOptions } from './api-client';

/**
 * A client that honours 429 + Retry-After, as a well-behaved one does: the suites share the stage's
 * POST /orders budget with the throttling test of another file. Safe for order creation because the
 * Idempotency-Key makes a repeat harmless.
 */
export function honouringRetryAfter(call: ApiCall, attempts = 5): ApiCall {
  const retrying = async (method: string, route: string, options?: CallOptions) => {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await call(method, route, options);
      if (answer.status !== 429 || attempt === attempts) return answer;
      const seconds = Number(answer.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(Number.isFinite(seconds) ? seconds : 1, 10) * 1000));
    }
  };
  // Typed calls are reads the support code makes; only POST /orders is throttled by the stage.
  return Object.assign(retrying, { typed: call.typed });
}
