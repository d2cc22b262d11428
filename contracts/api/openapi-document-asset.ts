/**
 * The OpenAPI document rendered at build time (`npm run openapi:render`): where it is committed, and its
 * file name beside the document function's bundle, which serves it (functions/platform).
 */
export const OPENAPI_DOCUMENT_ASSET = { name: 'openapi.json', source: 'contracts/api/openapi.json' } as const;
