import { CORS_EXPOSE_HEADERS } from '../cors';
import { canonicalHeaderName } from './header-names';
import type { OpenApiHeader } from './openapi-types';

/** Every header value the API sends is visible ASCII and spaces. */
const PRINTABLE = '^[\\x20-\\x7E]*$';

/** An origin as the stage configuration allows them (`*`, or scheme://host[:port]). */
const ORIGIN = '^(\\*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)$';

/** Header schemas by name, for the headers the API documents on responses: every one bounded and shaped. */
export function responseHeaderSchema(name: string): OpenApiHeader['schema'] {
  switch (name.toLowerCase()) {
    case 'retry-after':
      return { type: 'string', maxLength: 10, pattern: '^[0-9]+$' };
    case 'location':
      return { type: 'string', format: 'uri-reference', maxLength: 2048 };
    case 'etag':
      return { type: 'string', maxLength: 64, pattern: '^(W/)?"[\\x21\\x23-\\x7E]*"$' };
    case 'www-authenticate':
      return { type: 'string', enum: ['Bearer'] };
    case 'x-correlation-id':
      return { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{1,128}$' };
    case 'access-control-allow-origin':
      return { type: 'string', maxLength: 300, pattern: ORIGIN };
    case 'access-control-allow-credentials':
      return { type: 'string', enum: ['true'] };
    case 'access-control-expose-headers':
      return { type: 'string', enum: [CORS_EXPOSE_HEADERS.join(', ')] };
    case 'vary':
      return { type: 'string', enum: ['Origin'] };
    default:
      return { type: 'string', maxLength: 1024, pattern: PRINTABLE };
  }
}

const DESCRIPTIONS: Record<string, string> = {
  'retry-after': 'Seconds to wait before retrying',
  'www-authenticate': 'The authentication scheme to use: `Bearer`',
  'x-correlation-id': 'The correlation id of the request: the one you sent, or the request id. Quote it when reporting a problem.',
  'access-control-allow-origin':
    "CORS: the request's `Origin` when the stage allows it (`*` on a stage that allows every origin). On the gateway's own answers: the stage's origin when it allows exactly one.",
  'access-control-allow-credentials': 'CORS: `true` on stages that allow credentials, with an allowed origin',
  'access-control-expose-headers': 'CORS: the response headers a browser script may read, with an allowed origin',
  vary: "The answer depends on the request's `Origin` (CORS); absent on a stage that allows every origin",
};

/** A component header: `required` only where every answer of that kind carries it. */
export function headerComponent(name: string, required: boolean): OpenApiHeader {
  return { description: DESCRIPTIONS[name.toLowerCase()] ?? name, ...(required ? { required: true } : {}), schema: responseHeaderSchema(name) };
}

/** CORS headers on every answer: a function's (../cors.ts) or the gateway's own. */
export const CORS_HEADERS = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers'] as const;

/** A function's answers also carry `Vary: Origin` (the gateway's literal ones do not vary). */
export const HANDLER_CORS_HEADERS = [...CORS_HEADERS, 'Vary'] as const;

export const headerRef = (name: string) => ({ $ref: `#/components/headers/${canonicalHeaderName(name)}` });
