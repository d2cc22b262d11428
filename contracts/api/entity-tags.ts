import { z } from 'zod';

/** Entity tags as the API's precondition headers carry them (RFC 9110, sections 8.8.3 and 13.1.1–13.1.2). */

/** An `If-Match` or `If-None-Match` header value: `*`, or a comma-separated list of entity-tags. */
export const entityTagListSchema = z
  .string()
  .max(1024)
  .regex(/^(\*|(W\/)?"[\x21\x23-\x7E]*"(\s*,\s*(W\/)?"[\x21\x23-\x7E]*")*)$/, 'an entity-tag list such as "3" or "3", "4", or *');

/** A strong entity-tag for `opaque` (no quotes, no backslash, no spaces). */
export const strongEntityTag = (opaque: string): string => `"${opaque}"`;
