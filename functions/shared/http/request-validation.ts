import type * as z from 'zod';
import { badRequest, type FieldError } from './problem';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? `/${issue.path.join('/')}` : '/',
    message: issue.message,
  }));
}

/** Parses a JSON request body with a schema; any failure is a 400 problem listing every field. */
export function parseJsonBody<T>(schema: z.ZodType<T>, body: string | null, isBase64Encoded = false): T {
  if (body === null || body === '') throw badRequest('The request body is required.');
  let json: unknown;
  try {
    json = JSON.parse(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest('The request body is invalid.', fieldErrors(parsed.error));
  return parsed.data;
}

/** Parses one path or query parameter; a bad value is a 400 problem naming the parameter. */
export function parseParameter<T>(schema: z.ZodType<T>, name: string, value: string | undefined): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw badRequest(`The parameter "${name}" is invalid.`, [{ path: name, message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  }
  return parsed.data;
}
