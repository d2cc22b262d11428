import { validateResponse } from '#test/contract/openapi-validator';

/** One HTTP answer, the body parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a webhook's exact bytes). */
  raw?: string;
  headers?: Record<string, string>;
}

export type ApiCall = (method: string, route: string, options?: CallOptions) => Promise<Answer>;

/**
 * Calls a route (`/api/v1/…`) on the target and checks the answer against the OpenAPI document —
 * status, headers, content type and body — so every e2e request is also a contract test.
 */
export function apiClient(baseUrl: string): ApiCall {
  return async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${route}`, { method, headers, body });
    const text = await response.text();
    const parsed = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
    const problems = validateResponse(method, route.split('?')[0]!, response.status, response.headers, parsed === '' ? undefined : parsed);
    if (problems.length) throw new Error(`${method} ${route} → ${response.status} does not match the OpenAPI document:\n${problems.join('\n')}\n${text}`);
    return { status: response.status, headers: response.headers, body: parsed };
  };
}
