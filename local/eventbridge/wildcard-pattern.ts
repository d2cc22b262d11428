/**
 * The `wildcard` filter: `*` matches any run of characters (including none, and including `/`); `\*` is a
 * literal asterisk and `\\` a literal backslash. As EventBridge rules it: two `*` in a row are invalid, and
 * so is a backslash before anything other than `*` or `\`.
 */

/** The literal pieces between the wildcards: `a*b*c` → ['a', 'b', 'c']; `*x` → ['', 'x']. */
export type WildcardPattern = readonly string[];

/** Parses a wildcard expression; throws an Error saying what is wrong (EventBridge's wording). */
export const parseWildcard = (expression: string): WildcardPattern => {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === '*') {
      if (expression[i + 1] === '*') throw new Error(`Consecutive wildcard characters at pos ${i}`);
      pieces.push(current);
      current = '';
    } else if (ch === '\\') {
      const next = expression[i + 1];
      if (next !== '*' && next !== '\\') throw new Error(`Invalid escape character at pos ${i}`);
      current += next;
      i++;
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces;
};

/**
 * Whether `value` matches. Linear in practice: the first piece must start the value, the last must end
 * it, and the ones between are found left to right (earliest occurrence is always the best choice).
 */
export const matchesWildcard = (pattern: WildcardPattern, value: string): boolean => {
  if (pattern.length === 1) return value === pattern[0];
  const first = pattern[0];
  const last = pattern[pattern.length - 1];
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pattern.length - 1; i++) {
    const found = value.indexOf(pattern[i], position);
    if (found < 0 || found + pattern[i].length > end) return false;
    position = found + pattern[i].length;
  }
  return true;
};
