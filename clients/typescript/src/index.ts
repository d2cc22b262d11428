import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** A schema of the API by its component name: `Schema<'Order'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type OrderSagaClient = Client<paths>;

export interface OrderSagaClientOptions {
  /** Sent as `Authorization: Bearer …` on every request; a function is asked before each one (a token that refreshes). */
  token?: string | (() => string | Promise<string>);
  /** Headers sent on every request (a request's own headers win). */
  headers?: Record<string, string>;
  /** Another fetch (a test double, a fetch with retries); default: the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A client of the ordersaga API at `baseUrl`, the API's root without the base path (the stage URL on
 * API Gateway, `http://localhost:3000` locally): paths, parameters, bodies and answers are typed from
 * the OpenAPI document the API serves.
 *
 *   const api = createOrderSagaClient('http://localhost:3000', { token });
 *   const { data, error } = await api.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } } });
 *
 * Errors are not thrown: `error` is the RFC 9457 problem the API answered, `response` the raw answer.
 */
export function createOrderSagaClient(baseUrl: string, options: OrderSagaClientOptions = {}): OrderSagaClient {
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), headers: options.headers, fetch: options.fetch });
  const { token } = options;
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        if (!request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
