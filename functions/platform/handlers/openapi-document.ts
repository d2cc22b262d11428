import { createHash } from 'node:crypto';
import { apiHandler } from '../../shared/http/api-handler';
import { entityTagCondition, noneMatchHolds } from '../../shared/http/conditional-requests';
import { apiDocument } from '../api-document';

/** Clients and CDNs may keep the document this long; the ETag lets them revalidate for free. */
const CACHE_CONTROL = 'public, max-age=300';

let serialized: { body: string; etag: string } | undefined;

/** Built and hashed once per cold start: the document only changes with a deployment. */
function documentBody(): { body: string; etag: string } {
  if (!serialized) {
    const body = JSON.stringify(apiDocument());
    serialized = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
  }
  return serialized;
}

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API; public, cacheable. */
export const handler = apiHandler(async (event) => {
  const { body, etag } = documentBody();
  const headers = { 'cache-control': CACHE_CONTROL, etag };
  if (!noneMatchHolds(entityTagCondition(event, 'if-none-match'), etag)) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers: { ...headers, 'content-type': 'application/json' }, body };
});
