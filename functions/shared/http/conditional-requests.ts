import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isEntityTagList, strongEntityTag } from '#contracts/api/entity-tags';
import { HttpProblem } from './problem';
import { headerValue } from './request-parts';

/**
 * Conditional requests (RFC 9110, section 13): entity tags, `If-Match` and `If-None-Match`. Our tags are
 * strong: a tag names one exact representation.
 */

/** The most tags a precondition header may list; a client holds one, a few at most. */
export const MAX_ENTITY_TAGS = 10;

/** One entity-tag: `"<etagc*>"`, optionally weak (`W/`), as RFC 9110, section 8.8.3, writes it. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7E]*)"$/;

/** The precondition a header states: any current representation, or one of these tags. */
export type EntityTagCondition = { any: true } | { any: false; tags: { weak: boolean; opaque: string }[] };

/** A strong tag derived from a representation's bytes: changes whenever any of them does. */
export const contentEntityTag = (body: string): string => strongEntityTag(createHash('sha256').update(body).digest('base64url').slice(0, 27));

/** The condition of `If-Match` or `If-None-Match`, if the request has the header; a malformed one is a 400. */
export function entityTagCondition(event: APIGatewayProxyEvent, header: 'if-match' | 'if-none-match'): EntityTagCondition | undefined {
  const value = headerValue(event, header)?.trim();
  if (value === undefined || value === '') return undefined;
  const wellFormed = isEntityTagList(value);
  const tags = wellFormed && value !== '*' ? value.split(/\s*,\s*/) : [];
  if (!wellFormed || tags.length > MAX_ENTITY_TAGS) {
    throw new HttpProblem(400, 'validation-error', 'Bad Request', `The ${header === 'if-match' ? 'If-Match' : 'If-None-Match'} header is invalid.`, {
      errors: [{ path: header === 'if-match' ? 'If-Match' : 'If-None-Match', message: `* or 1 to ${MAX_ENTITY_TAGS} entity-tags such as "3"` }],
    });
  }
  if (value === '*') return { any: true };
  return { any: false, tags: tags.map((tag) => ({ weak: tag.startsWith('W/'), opaque: ENTITY_TAG.exec(tag)![2]! })) };
}

/** `If-Match` compares strongly: a weak tag never matches (RFC 9110, section 13.1.1). The opaque values a strong match needs. */
export const strongOpaques = (condition: Extract<EntityTagCondition, { any: false }>): string[] =>
  condition.tags.filter((tag) => !tag.weak).map((tag) => tag.opaque);

/** `If-None-Match` compares weakly (RFC 9110, section 13.1.2): does it name the current tag? */
export function noneMatchHolds(condition: EntityTagCondition | undefined, currentTag: string): boolean {
  if (!condition) return true;
  if (condition.any) return false;
  const current = ENTITY_TAG.exec(currentTag)?.[2];
  return !condition.tags.some((tag) => tag.opaque === current);
}

/**
 * A read's answer: 304 Not Modified (no body, the current tag) when the request's `If-None-Match`
 * names the current representation, else 200 with the body and its `ETag`.
 */
export function conditionalRead(event: APIGatewayProxyEvent, etag: string, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  if (!noneMatchHolds(entityTagCondition(event, 'if-none-match'), etag)) return { statusCode: 304, headers: { ...headers, etag }, body: '' };
  return { statusCode: 200, headers: { ...headers, etag, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export const preconditionFailed = (detail: string) => new HttpProblem(412, 'precondition-failed', 'Precondition Failed', detail);
export const preconditionRequired = (detail: string) => new HttpProblem(428, 'precondition-required', 'Precondition Required', detail);
