/** One HTTP answer of the simulated provider, in the shape of Stripe's API (JSON, `{error: {…}}` on failure). */
export interface ProviderAnswer {
  status: number;
  body: unknown;
}

export function ok(body: unknown): ProviderAnswer {
  return { status: 200, body };
}

export function apiError(status: number, type: string, code: string | undefined, message: string): ProviderAnswer {
  return { status, body: { error: { type, ...(code ? { code } : {}), message } } };
}

/** A transient failure (503) the caller should retry: nothing was looked at, nothing was kept. */
export function unavailable(message: string): ProviderAnswer {
  return apiError(503, 'api_error', undefined, message);
}
