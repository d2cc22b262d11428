import type { APIGatewayProxyResult } from 'aws-lambda';

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

export const problemTypeUri = (slug: string): string => `urn:ordersaga:problem:${slug}`;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: HttpProblem, instance: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  const body: Record<string, unknown> = {
    type: problemTypeUri(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
  };
  if (problem.extras.errors) body.errors = problem.extras.errors;
  return {
    statusCode: problem.status,
    headers: { ...headers, ...problem.extras.headers, 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not Found', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation-error', 'Bad Request', detail, { errors });
