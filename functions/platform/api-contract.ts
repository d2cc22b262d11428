import * as z from 'zod';
import { entityTagListSchema } from '#contracts/api/entity-tag-list-schema';
import { OPENAPI_DOCUMENT_ASSET } from '#contracts/api/openapi-document-asset';
import { contextApi } from '#contracts/wiring-declarations';

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health', description: 'The function answered: the API is up.' });

/** The document itself, checked loosely: its own shape is OpenAPI 3.1's, not this API's. */
export const openApiDocumentSchema = z
  .looseObject({
    openapi: z
      .string()
      .max(16)
      .regex(/^3\.1\.\d+$/),
    info: z.looseObject({
      title: z.string().max(200),
      version: z
        .string()
        .max(32)
        .regex(/^\d+\.\d+\.\d+$/),
    }),
    paths: z.record(z.string().max(1024).regex(/^\//), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'This document: OpenAPI 3.1, JSON Schema 2020-12 schemas.' });

/** The platform's routes: what every client may call without a token. */
export const platformApi = contextApi('platform', [
  {
    method: 'GET',
    path: '/health',
    auth: 'none',
    summary: 'Liveness probe',
    function: { id: 'health', access: {}, purpose: 'liveness probe', memorySize: 256, timeoutSeconds: 3 },
    operationId: 'getHealth',
    description: 'Answers 200 while the API can run a function. Checks no dependency, needs no token.',
    responses: { 200: { description: 'The API is up', schema: healthSchema } },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    auth: 'none',
    summary: 'This API as an OpenAPI 3.1 document',
    // The document rendered at build time (npm run openapi:render), served as a file: see the handler.
    function: { id: 'openApiDocument', access: {}, assets: { [OPENAPI_DOCUMENT_ASSET.name]: OPENAPI_DOCUMENT_ASSET.source } },
    operationId: 'getOpenApiDocument',
    headers: z.object({ 'if-none-match': entityTagListSchema.optional().describe('The `ETag` of a copy you hold') }),
    description: 'This document, generated from the schemas the handlers validate requests with. Cacheable; the `ETag` changes when the API does.',
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document',
        schema: openApiDocumentSchema,
        headers: { 'Cache-Control': 'How long the document may be cached', ETag: 'Changes whenever the document does' },
      },
      304: {
        description: 'Not modified: `If-None-Match` named the current `ETag`',
        headers: { 'Cache-Control': 'How long the document may be cached', ETag: "The current document's tag" },
      },
      400: { description: '`If-None-Match` is not `*` or a list of entity-tags' },
    },
  },
]);
