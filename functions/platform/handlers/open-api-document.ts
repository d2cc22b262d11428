import { createHash } from 'node:crypto';
import type { OpenApiDocument } from '#contracts/api/openapi-types';
import { apiHandler } from '#shared/http/api-handler';
import { entityTagCondition, noneMatchHolds } from '#shared/http/conditional-requests';
import { apiDocument } from '../application/api-document';

/** Clients and CDNs may keep the document this long; the ETag lets them revalidate for free. */
const CACHE_CONTROL = 'public, max-age=300';

/**
 * getOpenApiDocument: the OpenAPI 3.1 document of this API; public, cacheable. Built, serialised and
 * hashed once per cold start: the document only changes with a deployment.
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

export const handler = openApiDocumentHandler(apiDocument);
