import { patternedString } from './patterned-string';

/** The longest cursor a listing issues or takes. */
export const MAX_CURSOR_LENGTH = 2048;

/**
 * A pagination cursor as it travels (functions/shared/http/cursor.ts signs and checks it): two
 * base64url parts, the position and its MAC. Only the shape; whether this listing issued it is
 * the signature's job.
 */
export const cursorSchema = patternedString(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, MAX_CURSOR_LENGTH, 'not a cursor this listing issued');
