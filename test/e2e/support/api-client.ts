import type { Middleware } from 'openapi-fetch';
import { createOrderSagaClient, type OrderSagaClient, type paths } from '#client/typescript';
import { apiDocument } from '#platform/application/api-document';
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

/**
 * Calls a route (`/api/v1/…`, with its query) through the published client. `call.typed(token)` is that
 * client itself, typed from the document, for support code that knows which operation it calls.
 */
export type ApiCall = ((method: string, route: string, options?: CallOptions) => Promise<Answer>) & {
  typed(token?: string): OrderSagaClient;
};

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head';

const parseBody = (text: string, contentType: string | null): unknown => (text && /json/.test(contentType ?? '') ? JSON.parse(text) : text);

/**
 * Checks every answer against the OpenAPI document — status, headers, content type and body — so every
 * e2e request is also a contract test; a mismatch fails the request.
 */
function contractCheck(baseUrl: string, texts: WeakMap<Response, string>): Middleware {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return {
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      texts.set(response, text);
      const body = parseBody(text, response.headers.get('content-type'));
      const pathname = new URL(request.url).pathname;
      const route = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
      const problems = validateResponse(request.method, route, response.status, response.headers, body === '' ? undefined : body);
      if (problems.length)
        throw new Error(`${request.method} ${route} → ${response.status} does not match the OpenAPI document:\n${problems.join('\n')}\n${text}`);
      return response;
    },
  };
}

/** The document's path templates, literal ones first (`/orders/mine` before `/orders/{orderId}`). */
const TEMPLATES = Object.keys(apiDocument().paths)
  .sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')))
  .map((template) => {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
    return { template, names, pattern };
  });

/** A concrete route as the client's template and path parameters; a route the document lacks stays as it is (the API's 404 is then tested). */
function asOperation(route: string): { path: string; params: { path?: Record<string, string>; query?: Record<string, string | string[]> } } {
  const [pathname, search] = [route.split('?')[0]!, route.includes('?') ? route.slice(route.indexOf('?') + 1) : ''];
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const held = query[name];
    query[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value];
  }
  const params = Object.keys(query).length ? { query } : {};
  for (const { template, names, pattern } of TEMPLATES) {
    const match = pattern.exec(pathname);
    if (match) return { path: template, params: { ...params, path: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) } };
  }
  return { path: pathname, params };
}

/**
 * The suite's way to call the API: the generated client (`@ordersaga/client`, clients/typescript) with
 * the contract check above, so the suite speaks the published contract. The generic `call` keeps the
 * tests' wording (method, route, options) and lets them send what a typed call cannot (a webhook's
 * exact bytes, an invalid body) — still through the client.
 */
export function apiClient(baseUrl: string): ApiCall {
  // The body as the API sent it, kept by the check: openapi-fetch parses error bodies its own way.
  const texts = new WeakMap<Response, string>();
  const check = contractCheck(baseUrl, texts);
  const typed = (token?: string) => {
    const client = createOrderSagaClient(baseUrl, token === undefined ? {} : { token });
    client.use(check);
    return client;
  };
  const untyped = typed();
  const call = async (method: string, route: string, options: CallOptions = {}): Promise<Answer> => {
    const { path, params } = asOperation(route);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const init = {
      params,
      headers,
      parseAs: 'text' as const,
      ...(options.raw !== undefined ? { body: options.raw, bodySerializer: (raw: string) => raw } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
    };
    // The route is checked against the document at run time (asOperation), not by the compiler.
    const request = untyped.request as unknown as (method: Method, path: keyof paths | string, init: object) => ReturnType<OrderSagaClient['request']>;
    const { response } = await request(method.toLowerCase() as Method, path, init);
    const text = texts.get(response) ?? '';
    return { status: response.status, headers: response.headers, body: parseBody(text, response.headers.get('content-type')) };
  };
  return Object.assign(call, { typed });
}
