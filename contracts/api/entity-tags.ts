/** Entity tags as the API's precondition headers carry them (RFC 9110, sections 8.8.3 and 13.1.1–13.1.2). */

/** The longest `If-Match` / `If-None-Match` value the API reads. */
export const ENTITY_TAG_LIST_MAX_LENGTH = 1024;

/** An `If-Match` or `If-None-Match` header value: `*`, or a comma-separated list of entity-tags. */
export const ENTITY_TAG_LIST = /^(\*|(W\/)?"[\x21\x23-\x7E]*"(\s*,\s*(W\/)?"[\x21\x23-\x7E]*")*)$/;

/**
 * Whether a header value is an entity-tag list. Plain, not zod: the handlers that only check a
 * precondition (the OpenAPI document's among them) bundle no schema library for it; the route
 * contracts state the same rule as a schema (entity-tag-list-schema.ts).
 */
export const isEntityTagList = (value: string): boolean => value.length <= ENTITY_TAG_LIST_MAX_LENGTH && ENTITY_TAG_LIST.test(value);

/** A strong entity-tag for `opaque` (no quotes, no backslash, no spaces). */
export const strongEntityTag = (opaque: string): string => `"${opaque}"`;
