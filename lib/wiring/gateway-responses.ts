/**
 * API Gateway's own answers (no handler ran), as problem+json. The stack turns each into a
 * GatewayResponse; the local front door answers with the same status, title and detail.
 */
export type GatewayResponseType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'THROTTLED'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'REQUEST_TOO_LARGE'
  | 'AUTHORIZER_FAILURE'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayProblem {
  type: GatewayResponseType;
  status: number;
  slug: string;
  title: string;
  detail: string;
  /** Extra response headers (values are literal strings). */
  headers?: Record<string, string>;
}

export const gatewayProblems: GatewayProblem[] = [
  { type: 'UNAUTHORIZED', status: 401, slug: 'unauthorized', title: 'Unauthorized', detail: 'A valid bearer token is required.', headers: { 'WWW-Authenticate': 'Bearer' } },
  { type: 'ACCESS_DENIED', status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'The token does not grant access to this resource.' },
  // API Gateway answers an unknown path with 403 "Missing Authentication Token"; a client expects 404.
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, slug: 'not-found', title: 'Not Found', detail: 'No such route.' },
  { type: 'THROTTLED', status: 429, slug: 'too-many-requests', title: 'Too Many Requests', detail: 'The request rate limit was exceeded; retry after the number of seconds in Retry-After.', headers: { 'Retry-After': '1' } },
  { type: 'BAD_REQUEST_BODY', status: 400, slug: 'validation-error', title: 'Bad Request', detail: 'The request body does not match the schema.' },
  { type: 'BAD_REQUEST_PARAMETERS', status: 400, slug: 'validation-error', title: 'Bad Request', detail: 'A required request parameter is missing or invalid.' },
  { type: 'REQUEST_TOO_LARGE', status: 413, slug: 'payload-too-large', title: 'Payload Too Large', detail: 'The request body exceeds the size limit.' },
  { type: 'AUTHORIZER_FAILURE', status: 500, slug: 'internal-error', title: 'Internal Server Error', detail: 'The request could not be authorized.' },
  { type: 'INTEGRATION_FAILURE', status: 502, slug: 'bad-gateway', title: 'Bad Gateway', detail: 'The request failed.' },
  { type: 'INTEGRATION_TIMEOUT', status: 504, slug: 'gateway-timeout', title: 'Gateway Timeout', detail: 'The request timed out.' },
  { type: 'DEFAULT_4XX', status: 400, slug: 'bad-request', title: 'Bad Request', detail: 'The request was rejected.' },
  { type: 'DEFAULT_5XX', status: 500, slug: 'internal-error', title: 'Internal Server Error', detail: 'The request failed.' },
];

export function gatewayProblem(type: GatewayResponseType): GatewayProblem {
  const found = gatewayProblems.find((problem) => problem.type === type);
  if (!found) throw new Error(`no gateway problem ${type}`);
  return found;
}
