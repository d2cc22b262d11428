import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenApiDocument } from '#contracts/api/openapi-types';
import { apiHandler } from '#shared/http/api-handler';
import { entityTagCondition, noneMatchHolds } from '#shared/http/conditional-requests';
import { OPENAPI_DOCUMENT_ASSET } from '#contracts/api/openapi-document-asset';

/** Clients and CDNs may keep the document this long; the ETag lets them revalidate for free. */
const CACHE_CONTROL = 'public, max-age=300';

/**
 * getOpenApiDocument: the OpenAPI 3.1 document of this API; public, cacheable. Serialised and hashed
 * once per cold start: the document only changes with a deployment.
 */
export function openApiDocumentHandler(buildDocument: () => OpenApiDocument) {
  let serialized: { body: string; etag: string } | undefined;
  const documentBody = (): { body: string; etag: string } => {
    if (!serialized) {
      const body = JSON.stringify(buildDocument());
      serialized = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    }
    return serialized;
  };
  return apiHandler(async (event) => {
    const { body, etag } = documentBody();
    const headers = { 'cache-control': CACHE_CONTROL, etag };
    if (!noneMatchHolds(entityTagCondition(event, 'if-none-match'), etag)) return { statusCode: 304, headers, body: '' };
    return { statusCode: 200, headers: { ...headers, 'content-type': 'application/json' }, body };
  });
}

/**
 * The function serves the document rendered at build time (`npm run openapi:render`, checked against
 * the route contracts by `npm test`), packaged beside its bundle as a file (the function's `assets`):
 * building it here would bundle zod and every context's contracts, and bundling the rendered JSON
 * would parse 70 KB of code at each cold start, for a function that only returns a file.
 */
export const renderedDocument = (directory: string) => (): OpenApiDocument =>
  JSON.parse(readFileSync(path.join(directory, OPENAPI_DOCUMENT_ASSET.name), 'utf8')) as OpenApiDocument;

/** Beside the bundle (a deployment package, the local runtime's bundles); run from source (the tests), where it is committed. */
const documentDirectory = existsSync(path.join(__dirname, OPENAPI_DOCUMENT_ASSET.name))
  ? __dirname
  : path.dirname(path.resolve(__dirname, '../../..', OPENAPI_DOCUMENT_ASSET.source));

export const handler = openApiDocumentHandler(renderedDocument(documentDirectory));
