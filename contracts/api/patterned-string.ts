import * as z from 'zod';

/**
 * A string that `pattern` describes, with the longest length the pattern allows also stated as
 * `maxLength`, so that the API document bounds it for clients (and OWASP API4's rule sees the
 * bound). The length is checked first and alone: a value that is too long gets the pattern's one
 * message, not two.
 */
export function patternedString(pattern: RegExp, maxLength: number, message: string) {
  return z.string().max(maxLength, { error: message, abort: true }).regex(pattern, message);
}
