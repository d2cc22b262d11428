import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import { badRequest } from './problem';

/** A request header by name, whatever case the client (or the gateway) spelt it in. */
export function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(event.headers ?? {}).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : (event.headers[key] ?? undefined);
}

/**
 * Parses the query string with a schema. A parameter given twice is a 400 (the gateway would keep
 * only the last value, silently); problems name the parameter in `errors[].path`.
 */
export function parseQuery<T>(schema: z.ZodType<T>, event: APIGatewayProxyEvent): T {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {}).filter(([, values]) => (values?.length ?? 0) > 1);
  if (repeated.length > 0) {
    throw badRequest(
      'A query parameter is repeated.',
      repeated.map(([name]) => ({ path: name, message: 'give this parameter once' })),
    );
  }
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'unknown query parameter' }))
      : [{ path: issue.path.join('.') || '/', message: issue.message }],
  );
  throw badRequest('The query string is invalid.', errors);
}
