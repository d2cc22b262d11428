/**
 * EventBridge event-pattern matching for the local runtime.
 *
 * Written here on purpose: no npm library matches EventBridge correctly (the best candidate, the matcher
 * inside serverless-offline-aws-eventbridge, fails 15 of 43 documentation cases: it ignores account/region
 * and top-level `$or`, has no wildcard or cidr, lets anything-but match missing fields and numeric match
 * strings). The semantics follow the AWS EventBridge user guide and aws/event-ruler, the open-source engine
 * EventBridge runs; test/unit/local/eventbridge/pattern-corpus.ts holds the documentation's examples.
 *
 * Supported: exact values (string, number, boolean, null, ""), arrays, nested objects, prefix and suffix
 * (each also with equals-ignore-case), equals-ignore-case, wildcard, anything-but (value, list, prefix,
 * suffix, equals-ignore-case, wildcard), numeric, exists, cidr (IPv4/IPv6), `$or` at any depth, and the
 * envelope fields (source, detail-type, account, region, time, resources, id, version).
 *
 * Known differences from AWS (see the module docs of pattern-evaluator.ts for the semantics):
 * - numbers are compared by value (after EventBridge's six-decimal rounding), because events reach us
 *   parsed: the JSON text `300.0` is indistinguishable from `300`;
 * - keys containing dots are not conflated with nested keys (`{"a.b": …}` vs `{"a": {"b": …}}`), a
 *   behaviour event-ruler documents as accidental;
 * - the 4096-character limit on a rule's pattern text is not enforced.
 */
import type { ObjectPattern } from './pattern-ast';
import { matchesObject } from './pattern-evaluator';
import { parseEventPattern } from './pattern-parser';

export { InvalidEventPatternError } from './pattern-parser';

/** A validated pattern, ready to test events against many times. */
export interface CompiledEventPattern {
  matches(event: Record<string, unknown>): boolean;
}

/** Validates and compiles a pattern. Throws InvalidEventPatternError (name `InvalidEventPatternException`). */
export const compileEventPattern = (pattern: unknown): CompiledEventPattern => {
  const ast: ObjectPattern = parseEventPattern(pattern);
  return { matches: (event) => matchesObject(ast, event) };
};

/** Throws an Error with a message saying what is wrong when `pattern` is not a valid EventBridge pattern. */
export const assertValidEventPattern = (pattern: unknown): void => {
  parseEventPattern(pattern);
};

// Patterns are long-lived rule objects, treated as immutable: compile each once.
const compiled = new WeakMap<object, CompiledEventPattern>();

/**
 * Whether `event` (the full event as EventBridge hands it to a target: version, id, detail-type, source,
 * account, time, region, resources, detail) matches `pattern`. An invalid pattern throws, as PutRule would.
 */
export const matchesEventPattern = (pattern: Record<string, unknown>, event: Record<string, unknown>): boolean => {
  let entry = compiled.get(pattern);
  if (!entry) {
    entry = compileEventPattern(pattern);
    compiled.set(pattern, entry);
  }
  return entry.matches(event);
};
