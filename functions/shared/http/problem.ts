import type { APIGatewayProxyResult } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE, PROBLEM_LIMITS, problemTypeUri } from '#contracts/problem';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * An RFC 9457 problem the API answers with. Thrown by handlers and domain adapters; the HTTP error
 * middleware turns it into an `application/problem+json` response.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

const bounded = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function problemResponse(problem: HttpProblem, instance: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  const body: Record<string, unknown> = {
    type: problemTypeUri(problem.slug),
    title: bounded(problem.title, PROBLEM_LIMITS.title),
    status: problem.status,
    detail: bounded(problem.detail, PROBLEM_LIMITS.detail),
    instance: bounded(instance, PROBLEM_LIMITS.instance),
  };
  if (problem.extras.errors) {
    body.errors = problem.extras.errors
      .slice(0, PROBLEM_LIMITS.errors)
      .map((error) => ({ path: bounded(error.path, PROBLEM_LIMITS.errorPath), message: bounded(error.message, PROBLEM_LIMITS.errorMessage) }));
  }
  return {
    statusCode: problem.status,
    headers: { ...headers, ...problem.extras.headers, 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not Found', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
/** Seconds a client waits before sending again a request that met another writer's transaction: they take milliseconds. */
export const CONCURRENT_UPDATE_RETRY_AFTER_SECONDS = 1;

/** The request met another request changing the same items (a DynamoDB transaction conflict); nothing changed. */
export const concurrentUpdate = () =>
  new HttpProblem(
    409,
    'concurrent-update',
    'Conflict',
    'Another request was changing the same data at the same moment; nothing was changed. Send the request again.',
    {
      headers: { 'retry-after': String(CONCURRENT_UPDATE_RETRY_AFTER_SECONDS) },
    },
  );
export const badRequest = (detail: string, errors?: FieldError[]) => new HttpProblem(400, 'validation-error', 'Bad Request', detail, { errors });
