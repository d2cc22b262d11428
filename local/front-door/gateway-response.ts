import type { ServerResponse } from 'node:http';
import { gatewayProblem, type GatewayResponseType } from '../../lib/wiring/gateway-responses';
import { PROBLEM_CONTENT_TYPE, problemTypeUri } from '../../functions/shared/http/problem';

/** Writes one of API Gateway's own responses (problem+json), with the same body the stack configures. */
export function writeGatewayProblem(
  response: ServerResponse,
  type: GatewayResponseType,
  context: { path: string; requestId: string; headers?: Record<string, string> },
): void {
  const problem = gatewayProblem(type);
  const body = JSON.stringify({
    type: problemTypeUri(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: context.path,
  });
  response.writeHead(problem.status, {
    ...problem.headers,
    ...context.headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'x-amzn-requestid': context.requestId,
  });
  response.end(body);
}
