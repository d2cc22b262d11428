import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PROBLEM_CONTENT_TYPE, problemTypeUri } from '../../functions/shared/http/problem';
import { gatewayProblems, type GatewayProblem } from '../wiring/gateway-responses';

/** A header value in a gateway response is a quoted literal. */
const literal = (value: string): string => `'${value.replace(/'/g, '')}'`;

/**
 * The body API Gateway sends for one of its own errors: RFC 9457 problem+json with the same type,
 * title, status and detail the local front door writes. Gateway response templates support only
 * variable substitution, so the instance is the request path and everything else is literal.
 */
export function problemBodyTemplate(problem: GatewayProblem): string {
  return JSON.stringify({
    type: problemTypeUri(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: '$context.path',
  });
}

export interface ProblemGatewayResponsesOptions {
  /** A single allowed origin is echoed on error responses too, so browsers can read them. */
  corsAllowOrigin?: string;
}

/**
 * Replaces API Gateway's `{"message": …}` errors (401, 403, 429, validation, 5xx…) with problem+json.
 * The status is pinned on every type, DEFAULT_4XX/5XX included, so that body and status always agree.
 */
export function addProblemGatewayResponses(api: RestApi, options: ProblemGatewayResponsesOptions = {}): void {
  for (const problem of gatewayProblems) {
    const headers: Record<string, string> = { 'Content-Type': literal(PROBLEM_CONTENT_TYPE) };
    for (const [name, value] of Object.entries(problem.headers ?? {})) headers[name] = literal(value);
    if (options.corsAllowOrigin) headers['Access-Control-Allow-Origin'] = literal(options.corsAllowOrigin);
    api.addGatewayResponse(`Problem${problem.type}`, {
      type: ResponseType.of(problem.type),
      statusCode: String(problem.status),
      responseHeaders: headers,
      templates: { 'application/json': problemBodyTemplate(problem) },
    });
  }
}
