import { gatewayProblem, type GatewayResponseType } from '../gateway-responses';
import type { RouteSpec } from '../wiring';
import { canonicalHeaderName } from './header-names';
import type { OpenApiHeader, OpenApiResponse } from './openapi-types';
import { CORS_HEADERS, headerComponent, headerRef } from './response-headers';

/**
 * Answers API Gateway gives on its own, before or instead of the handler (../gateway-responses.ts),
 * as reusable OpenAPI responses. Each is documented on the operations where it can happen, from the
 * route's auth kind and what the gateway validates: written once here, never per route.
 */
interface GatewayAnswer {
  /** components.responses name. */
  name: string;
  /** The response key. */
  status: string;
  type: GatewayResponseType;
  description: string;
  /** Added to a handler's own response with the same status. */
  alsoFromGateway: string;
  appliesTo(route: RouteSpec, validated: { body: boolean; parameters: boolean; hasBody: boolean }): boolean;
}

const GATEWAY_ANSWERS: GatewayAnswer[] = [
  {
    name: 'BadRequest',
    status: '400',
    type: 'BAD_REQUEST_BODY',
    description: 'The gateway rejected the request: the body does not match the schema, or a required parameter or header is missing.',
    alsoFromGateway: 'The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.',
    appliesTo: (_r, v) => v.body || v.parameters,
  },
  {
    name: 'Unauthorized',
    status: '401',
    type: 'UNAUTHORIZED',
    description: 'The bearer token is missing, malformed, expired, or not issued for this API.',
    alsoFromGateway: 'The gateway itself answers 401 (with `WWW-Authenticate: Bearer`) when the bearer token is missing or invalid.',
    appliesTo: (r) => r.auth !== 'none',
  },
  {
    name: 'Forbidden',
    status: '403',
    type: 'ACCESS_DENIED',
    description: 'The token is valid but does not grant this operation.',
    alsoFromGateway: 'The gateway itself answers 403 when the authorizer denies the token.',
    appliesTo: (r) => r.auth !== 'none',
  },
  {
    name: 'PayloadTooLarge',
    status: '413',
    type: 'REQUEST_TOO_LARGE',
    description: 'The request body is larger than the gateway accepts.',
    alsoFromGateway: 'The gateway itself answers 413 when the body is larger than it accepts.',
    appliesTo: (_r, v) => v.hasBody,
  },
  {
    name: 'TooManyRequests',
    status: '429',
    type: 'THROTTLED',
    description: "Over the rate limit (the stage default, or this route's own). Retry after the number of seconds in `Retry-After`.",
    alsoFromGateway: 'The gateway itself answers 429 (with `Retry-After`) over the rate limit.',
    appliesTo: () => true,
  },
  {
    name: 'InternalServerError',
    status: '500',
    type: 'AUTHORIZER_FAILURE',
    description: "The request failed (in the function, or in the gateway's authorizer). Quote the correlation id when reporting it.",
    alsoFromGateway: 'The gateway itself answers 500 when the authorizer fails.',
    appliesTo: () => true,
  },
  {
    name: 'BadGateway',
    status: '502',
    type: 'INTEGRATION_FAILURE',
    description: "The function failed without an answer (the gateway's own answer).",
    alsoFromGateway: 'The gateway itself answers 502 when the function fails without an answer.',
    appliesTo: () => true,
  },
  {
    name: 'GatewayTimeout',
    status: '504',
    type: 'INTEGRATION_TIMEOUT',
    description: "The function did not answer in time (the gateway's own answer).",
    alsoFromGateway: 'The gateway itself answers 504 when the function does not answer in time.',
    appliesTo: () => true,
  },
];

/** `components.responses` and `components.headers` for the gateway's answers. */
export function gatewayAnswerComponents(problemRef: string): { responses: Record<string, OpenApiResponse>; headers: Record<string, OpenApiHeader> } {
  const responses: Record<string, OpenApiResponse> = {};
  const headers: Record<string, OpenApiHeader> = {};
  for (const name of CORS_HEADERS) headers[name] = headerComponent(name, false);
  for (const answer of GATEWAY_ANSWERS) {
    const problem = gatewayProblem(answer.type);
    const answerHeaders: Record<string, { $ref: string }> = {};
    for (const name of Object.keys(problem.headers ?? {})) {
      headers[canonicalHeaderName(name)] = headerComponent(name, true);
      answerHeaders[canonicalHeaderName(name)] = headerRef(name);
    }
    for (const name of CORS_HEADERS) answerHeaders[name] = headerRef(name);
    responses[answer.name] = {
      description: answer.description,
      headers: answerHeaders,
      content: { 'application/problem+json': { schema: { $ref: problemRef } } },
    };
  }
  return { responses, headers };
}

/** The gateway's answers that can happen on this route, with the response key and its components.responses ref. */
export function gatewayAnswersFor(
  route: RouteSpec,
  validated: { body: boolean; parameters: boolean; hasBody: boolean },
): { status: string; ref: string; description: string; alsoFromGateway: string }[] {
  return GATEWAY_ANSWERS.filter((answer) => answer.appliesTo(route, validated)).map((answer) => ({
    status: answer.status,
    ref: `#/components/responses/${answer.name}`,
    description: answer.description,
    alsoFromGateway: answer.alsoFromGateway,
  }));
}
