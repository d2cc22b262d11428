import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretValue } from '../aws/secret-value';
import { badRequest } from './problem';

/** The stage's key for signing cursors: CURSOR_SIGNING_KEY, or CURSOR_SIGNING_KEY_SECRET_ARN. */
const CURSOR_KEY = 'CURSOR_SIGNING_KEY';

function signature(key: string, scope: string, payload: string): Buffer {
  return createHmac('sha256', key).update(scope).update('\n').update(payload).digest();
}

/**
 * An opaque pagination cursor: the position (e.g. DynamoDB's LastEvaluatedKey) as base64url JSON,
 * HMAC-signed together with its scope (who listed what, with which filters), so a client can
 * neither forge nor edit one, nor reuse one for another listing.
 */
export async function encodeCursor(position: Record<string, unknown>, scope: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  const mac = signature(await secretValue(CURSOR_KEY), scope, payload).toString('base64url');
  return `${payload}.${mac}`;
}

/** The position a cursor holds; a malformed, edited or foreign cursor is a 400 problem. */
export async function decodeCursor(cursor: string, scope: string): Promise<Record<string, unknown>> {
  const invalid = () => badRequest('The cursor is invalid.', [{ path: 'cursor', message: 'not a cursor this listing issued' }]);
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined || cursor.length > 2048) throw invalid();
  const expected = signature(await secretValue(CURSOR_KEY), scope, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    const position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (typeof position !== 'object' || position === null || Array.isArray(position)) throw invalid();
    return position as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}
