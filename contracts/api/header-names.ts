/**
 * `idempotency-key` → `Idempotency-Key`: how the document and API Gateway spell a header name.
 * A name already written with capitals (`WWW-Authenticate`) is kept as written.
 */
export const canonicalHeaderName = (name: string): string =>
  name !== name.toLowerCase()
    ? name
    : name
        .split('-')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('-');

/**
 * Headers OpenAPI 3.1 ignores as parameters (the security scheme and the request body describe
 * them) and API Gateway handles itself (the authorizer, the model's content type).
 */
export const HEADERS_NOT_DOCUMENTED_AS_PARAMETERS = new Set(['authorization', 'content-type', 'accept']);
