import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { publishMetrics } from '../middleware/publish-metrics';
import { logger, metrics } from '../powertools';
import { corsPolicyFromEnvironment, corsResponseHeaders } from '#contracts/cors';
import { isTransactionConflict } from '../aws/transaction-conflicts';
import { concurrentUpdate, HttpProblem, problemResponse } from './problem';
import { headerValue } from './request-parts';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const CORRELATION_HEADER = 'x-correlation-id';

/** The caller's correlation id when it is sane, else the gateway's request id. */
export function correlationIdOf(event: APIGatewayProxyEvent): string {
  const given = headerValue(event, CORRELATION_HEADER);
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : event.requestContext.requestId;
}

/**
 * The headers every answer carries, success or problem: the correlation id, and the CORS headers for
 * the request's origin (API Gateway adds none to a proxy integration's answer).
 */
function contractHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  return { ...corsResponseHeaders(corsPolicyFromEnvironment(), headerValue(event, 'origin')), [CORRELATION_HEADER]: correlationIdOf(event) };
}

/**
 * Correlation id in every log line and echoed to the caller; every error becomes problem+json. A
 * DynamoDB transaction conflict that outlasted the retries is a 409 with Retry-After. Unknown errors are logged (with the correlation id) and answered with a generic 500 that leaks
 * nothing: no stack, no ARN, no table name.
 */
const httpContract = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: (request) => {
    logger.appendKeys({ correlationId: correlationIdOf(request.event) });
  },
  after: (request) => {
    const response = request.response;
    if (response) response.headers = { ...response.headers, ...contractHeaders(request.event) };
  },
  onError: (request) => {
    const correlationId = correlationIdOf(request.event);
    const error = request.error;
    let problem: HttpProblem;
    if (error instanceof HttpProblem) {
      problem = error;
      if (problem.status >= 500) logger.error('request failed', { error });
    } else if (isTransactionConflict(error)) {
      // Still meeting another writer's transaction after the client's retries: nothing was written,
      // and the same request can be sent again.
      logger.warn('request kept meeting a transaction in flight', { error: error as Error });
      problem = concurrentUpdate();
    } else {
      logger.error('unhandled error', { error: error as Error });
      problem = new HttpProblem(500, 'internal-error', 'Internal Server Error', `The request failed. Quote correlation id ${correlationId} when reporting it.`);
    }
    request.response = problemResponse(problem, request.event.path, contractHeaders(request.event));
  },
});

/** Every API handler is this middy chain: Powertools context, tracing, metrics, and the HTTP contract. */
export function apiHandler(handler: ApiHandler) {
  return middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics))
    .use(httpContract());
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
