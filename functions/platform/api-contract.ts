import { z } from 'zod';
import type { RouteContract } from '../shared/http/route-contract';
import { API_BASE_PATH } from '../../lib/wiring/routes';

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health', description: 'The function answered: the API is up.' });

/** The document itself, checked loosely: its own shape is OpenAPI 3.1's, not this API's. */
export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'This document: OpenAPI 3.1, JSON Schema 2020-12 schemas.' });

export const platformContract: RouteContract[] = [
  {
    method: 'GET',
    path: `${API_BASE_PATH}/health`,
    operationId: 'getHealth',
    description: 'Answers 200 while the API can run a function. Checks no dependency, needs no token.',
    responses: { 200: { description: 'The API is up', schema: healthSchema } },
  },
  {
    method: 'GET',
    path: `${API_BASE_PATH}/openapi.json`,
    operationId: 'getOpenApiDocument',
    headers: z.object({ 'if-none-match': z.string().optional().describe('The `ETag` of a copy you hold') }),
    description: 'This document, generated from the schemas the handlers validate requests with. Cacheable; the `ETag` changes when the API does.',
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document',
        schema: openApiDocumentSchema,
        headers: { 'Cache-Control': 'How long the document may be cached', ETag: 'Changes whenever the document does' },
      },
      304: { description: 'Not modified: `If-None-Match` named the current `ETag`', headers: { ETag: 'The current document\'s tag' } },
    },
  },
];
