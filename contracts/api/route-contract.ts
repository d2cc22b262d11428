import type * as z from 'zod';

/** Every route's path starts with it; the major version changes with any breaking change (docs/api.md). */
export const API_BASE_PATH = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented response of a route (problem responses carry the problem schema). */
export interface ResponseContract {
  description: string;
  /** Body schema; absent for an empty body. */
  schema?: z.ZodType;
  /**
   * Response headers the route sets (name → description), e.g. Location, Retry-After: on every such
   * answer, unless declared `{ description, required: false }` (set on some answers only).
   */
  headers?: Record<string, string | ResponseHeaderContract>;
}

/** A header only some answers of a status carry (e.g. Retry-After on a 409 caused by a concurrent change). */
export interface ResponseHeaderContract {
  description: string;
  required: false;
}

/**
 * The contract of one route: the schemas its handler validates with are the ones the OpenAPI
 * document and the gateway's request models are generated from. Method and path match the route table.
 */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  operationId: string;
  description?: string;
  pathParameters?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route requires or reads (names in lower case), e.g. idempotency-key. */
  headers?: z.ZodObject;
  body?: z.ZodType;
  /**
   * `false`: the gateway does not check the body against its model; the handler authenticates the
   * request first (a signed webhook: an unsigned request is a 401 whatever its body, never a 400 that
   * tells a stranger what a valid body looks like). Default: the gateway validates the body.
   */
  gatewayBodyModel?: false;
  responses: Record<number, ResponseContract>;
}
