import * as z from 'zod';
import { PROBLEM_LIMITS } from '../problem';

/** One invalid field of a validation problem: a JSON Pointer into the request (or the parameter name). */
export const fieldErrorSchema = z
  .strictObject({
    path: z.string().max(PROBLEM_LIMITS.errorPath).describe('JSON Pointer into the body (`/items/0/quantity`), or the name of the parameter'),
    message: z.string().max(PROBLEM_LIMITS.errorMessage),
  })
  .meta({ id: 'FieldError' });

/**
 * RFC 9457 problem details, the body of every 4xx/5xx the API and its gateway answer. Strict on
 * purpose: a response that grows a `stack` or `message` member fails the contract tests.
 */
export const problemSchema = z
  .strictObject({
    type: z
      .string()
      .max(PROBLEM_LIMITS.type)
      .regex(/^urn:ordersaga:problem:[a-z0-9-]+$/)
      .describe('Identifies the kind of problem: `urn:ordersaga:problem:<slug>`'),
    title: z.string().max(PROBLEM_LIMITS.title).describe('Short summary of the problem type (the HTTP reason phrase)'),
    status: z
      .number()
      .int()
      .min(400)
      .max(599)
      .optional()
      .describe(
        'The HTTP status of this answer. Absent only on a gateway answer of a kind this API does not configure (the gateway cannot write its status into the body).',
      ),
    detail: z.string().max(PROBLEM_LIMITS.detail).describe('What went wrong with this request, for a human'),
    instance: z.string().max(PROBLEM_LIMITS.instance).regex(/^\//).describe('The request path'),
    errors: z
      .array(fieldErrorSchema)
      .max(PROBLEM_LIMITS.errors)
      .optional()
      .describe(`Validation problems only: every invalid field (the first ${PROBLEM_LIMITS.errors})`),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem (`application/problem+json`).',
    examples: [
      {
        type: 'urn:ordersaga:problem:validation-error',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is invalid.',
        instance: '/api/v1/orders',
        errors: [{ path: '/items/0/quantity', message: 'Too big: expected number to be <=100' }],
      },
    ],
  });

export type ProblemBody = z.infer<typeof problemSchema>;
