import { problemTypeUri } from './problem';

/**
 * API Gateway's own answers (no handler ran), as problem+json. The stack turns each into a
 * GatewayResponse; the local front door answers with the same status, title and detail.
 *
 * Every response type API Gateway has is listed with its own status (AWS docs, "Gateway response
 * types for API Gateway"). A gateway response body cannot say its status by a variable (`$context.status`
 * is for access logs only, "Variables for data transformations for API Gateway"), so a type that
 * falls back to DEFAULT_4XX/DEFAULT_5XX would get a body that cannot name its status; listing every
 * type means none does, and the two defaults are left without a pinned status: pinning one would
 * overwrite the status of every type that falls back to it (a 415 or a 403 answered as 400).
 */
export const GATEWAY_RESPONSE_TYPES = [
  'ACCESS_DENIED',
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_BODY',
  'BAD_REQUEST_PARAMETERS',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'EXPIRED_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'INVALID_API_KEY',
  'INVALID_SIGNATURE',
  'MISSING_AUTHENTICATION_TOKEN',
  'QUOTA_EXCEEDED',
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'THROTTLED',
  'UNAUTHORIZED',
  'UNSUPPORTED_MEDIA_TYPE',
  'WAF_FILTERED',
] as const;

export type GatewayResponseType = (typeof GATEWAY_RESPONSE_TYPES)[number];

/** The two fallbacks: they apply only to a type this list does not configure (one AWS adds later). */
export type FallbackGatewayResponseType = 'DEFAULT_4XX' | 'DEFAULT_5XX';

interface GatewayProblemBase {
  slug: string;
  title: string;
  detail: string;
  /** Extra response headers (values are literal strings). */
  headers?: Record<string, string>;
}

/** A type with its own status: the body's `status` is that status. */
export interface PinnedGatewayProblem extends GatewayProblemBase {
  type: Exclude<GatewayResponseType, FallbackGatewayResponseType>;
  status: number;
}

/** A fallback: it keeps the status of whatever type fell back to it, so its body carries no `status`. */
export interface FallbackGatewayProblem extends GatewayProblemBase {
  type: FallbackGatewayResponseType;
  status?: undefined;
}

export type GatewayProblem = PinnedGatewayProblem | FallbackGatewayProblem;

const unauthorized = { slug: 'unauthorized', title: 'Unauthorized' };
const forbidden = { slug: 'forbidden', title: 'Forbidden' };
const notFound = { slug: 'not-found', title: 'Not Found' };
const internalError = { slug: 'internal-error', title: 'Internal Server Error' };

export const gatewayProblems: GatewayProblem[] = [
  { type: 'UNAUTHORIZED', status: 401, ...unauthorized, detail: 'A valid bearer token is required.', headers: { 'WWW-Authenticate': 'Bearer' } },
  { type: 'ACCESS_DENIED', status: 403, ...forbidden, detail: 'The token does not grant access to this resource.' },
  { type: 'EXPIRED_TOKEN', status: 403, ...forbidden, detail: "The request's AWS credentials have expired." },
  { type: 'INVALID_SIGNATURE', status: 403, ...forbidden, detail: "The request's AWS signature is invalid." },
  { type: 'INVALID_API_KEY', status: 403, ...forbidden, detail: 'The API key is invalid.' },
  { type: 'WAF_FILTERED', status: 403, ...forbidden, detail: 'The request was blocked by the web application firewall.' },
  // API Gateway answers an unknown path or method with 403 "Missing Authentication Token"; a client expects 404.
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, ...notFound, detail: 'No such route.' },
  { type: 'RESOURCE_NOT_FOUND', status: 404, ...notFound, detail: 'No such resource.' },
  {
    type: 'THROTTLED',
    status: 429,
    slug: 'too-many-requests',
    title: 'Too Many Requests',
    detail: 'The request rate limit was exceeded; retry after the number of seconds in Retry-After.',
    headers: { 'Retry-After': '1' },
  },
  // Usage-plan quotas (per day, week or month): no Retry-After, since the gateway cannot say when the period ends.
  { type: 'QUOTA_EXCEEDED', status: 429, slug: 'too-many-requests', title: 'Too Many Requests', detail: "The usage plan's request quota is used up." },
  { type: 'BAD_REQUEST_BODY', status: 400, slug: 'validation-error', title: 'Bad Request', detail: 'The request body does not match the schema.' },
  {
    type: 'BAD_REQUEST_PARAMETERS',
    status: 400,
    slug: 'validation-error',
    title: 'Bad Request',
    detail: 'A required request parameter is missing or invalid.',
  },
  { type: 'REQUEST_TOO_LARGE', status: 413, slug: 'payload-too-large', title: 'Payload Too Large', detail: 'The request body exceeds the size limit.' },
  {
    type: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: "The request body's content type is not supported.",
  },
  { type: 'AUTHORIZER_FAILURE', status: 500, ...internalError, detail: 'The request could not be authorized.' },
  { type: 'AUTHORIZER_CONFIGURATION_ERROR', status: 500, ...internalError, detail: 'The request could not be authorized.' },
  { type: 'API_CONFIGURATION_ERROR', status: 500, ...internalError, detail: 'The request failed.' },
  { type: 'INTEGRATION_FAILURE', status: 502, slug: 'bad-gateway', title: 'Bad Gateway', detail: 'The request failed.' },
  { type: 'INTEGRATION_TIMEOUT', status: 504, slug: 'gateway-timeout', title: 'Gateway Timeout', detail: 'The request timed out.' },
  { type: 'DEFAULT_4XX', slug: 'client-error', title: 'Client Error', detail: 'The request was rejected.' },
  { type: 'DEFAULT_5XX', slug: 'server-error', title: 'Server Error', detail: 'The request failed.' },
];

export function gatewayProblem(type: GatewayResponseType): GatewayProblem {
  const found = gatewayProblems.find((problem) => problem.type === type);
  if (!found) throw new Error(`no gateway problem ${type}`);
  return found;
}

/**
 * The problem+json body of a gateway answer for a request to `instance`. A fallback type, whose status
 * is whatever type fell back to it, leaves `status` out (RFC 9457 makes it optional) rather than state
 * a wrong one.
 */
export function gatewayProblemBody(problem: GatewayProblem, instance: string): Record<string, unknown> {
  return {
    type: problemTypeUri(problem.slug),
    title: problem.title,
    ...(problem.status !== undefined ? { status: problem.status } : {}),
    detail: problem.detail,
    instance,
  };
}
