import type { ServerResponse } from 'node:http';
import { gatewayProblem, gatewayProblemBody, type GatewayResponseType } from '#contracts/gateway-responses';
import { PROBLEM_CONTENT_TYPE } from '#contracts/problem';

export interface GatewayProblemContext {
  path: string;
  requestId: string;
  headers?: Record<string, string>;
  /** The status of a fallback type (DEFAULT_4XX/5XX), which has none of its own; ignored for the others. */
  status?: number;
}

/**
 * Writes one of API Gateway's own responses (problem+json), with the same status and body the stack
 * configures (lib/constructs/problem-gateway-responses.ts). A fallback type answers the status it is
 * given and, like the stack's template, names none in the body.
 */
export function writeGatewayProblem(response: ServerResponse, type: GatewayResponseType, context: GatewayProblemContext): void {
  const problem = gatewayProblem(type);
  const status = problem.status ?? context.status;
  if (status === undefined) throw new Error(`${type} has no status of its own: pass the status it stands for`);
  const body = JSON.stringify(gatewayProblemBody(problem, context.path));
  response.writeHead(status, {
    ...problem.headers,
    ...context.headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'x-amzn-requestid': context.requestId,
  });
  response.end(body);
}
