import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { gatewayResponseCorsHeaders, type CorsPolicy } from '#contracts/cors';
import { PROBLEM_CONTENT_TYPE } from '#contracts/problem';
import { gatewayProblemBody, gatewayProblems, type GatewayProblem } from '#contracts/gateway-responses';

/** A header value in a gateway response is a quoted literal. */
const literal = (value: string): string => `'${value.replace(/'/g, '')}'`;

/**
 * The body API Gateway sends for one of its own errors: the problem+json the local front door writes
 * too. Gateway response templates support only variable substitution, so the instance is the request
 * path and everything else is literal.
 */
export function problemBodyTemplate(problem: GatewayProblem): string {
  return JSON.stringify(gatewayProblemBody(problem, '$context.path'));
}

export interface ProblemGatewayResponsesOptions {
  /**
   * The stage's CORS policy: a single allowed origin is named on error responses too, so browsers can read them.
   * @default - no CORS headers on the gateway's answers
   */
  readonly cors?: CorsPolicy;
}

/**
 * Replaces API Gateway's `{"message": …}` errors with problem+json, one GatewayResponse per response
 * type, each with its own status. DEFAULT_4XX and DEFAULT_5XX get no status code: a status there
 * would replace the status of every type that falls back to them.
 */
export function addProblemGatewayResponses(api: RestApi, options: ProblemGatewayResponsesOptions = {}): void {
  const corsHeaders = options.cors ? gatewayResponseCorsHeaders(options.cors) : {};
  for (const problem of gatewayProblems) {
    const headers: Record<string, string> = { 'Content-Type': literal(PROBLEM_CONTENT_TYPE) };
    for (const [name, value] of Object.entries({ ...problem.headers, ...corsHeaders })) headers[name] = literal(value);
    api.addGatewayResponse(`Problem${problem.type}`, {
      type: ResponseType.of(problem.type),
      ...(problem.status !== undefined ? { statusCode: String(problem.status) } : {}),
      responseHeaders: headers,
      templates: { 'application/json': problemBodyTemplate(problem) },
    });
  }
}
