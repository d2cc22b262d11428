/**
 * Decides whether an event matches a parsed pattern (pattern-ast.ts), with EventBridge's semantics:
 * - fields of a pattern object are ANDed, the values listed for a field are ORed, `$or` alternatives are
 *   evaluated against the same level of the event;
 * - a field's "leaf values" are its scalar value, or the scalars of an array (nested arrays flattened);
 *   a filter holds when it holds for any of them (so an event array matches when the intersection with
 *   the pattern's values is non-empty);
 * - a nested pattern object applied to an array of objects must match within ONE element (EventBridge's
 *   array consistency: fields matched in different elements of the same array do not combine);
 * - `exists` looks at leaves only: an object-valued field, an empty array, or a missing field all count
 *   as "does not exist"; `null` exists;
 * - every filter except `exists` and `anything-but` is type-strict (numeric wants JSON numbers, prefix etc.
 *   want strings); `anything-but` holds for any present leaf none of its excluded filters holds for.
 */
import { comparableKey, isComparableNumber, numbersEqual } from './comparable-number';
import { ipInRange, sameIpAddress } from './ip-address';
import type { FieldPattern, LeafValue, ObjectPattern, PositiveCondition, ValueCondition } from './pattern-ast';
import { matchesWildcard } from './wildcard-pattern';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const flatten = (value: unknown): unknown[] => (Array.isArray(value) ? value.flatMap(flatten) : [value]);

const leafValuesOf = (value: unknown): LeafValue[] =>
  value === undefined ? [] : (flatten(value).filter((v) => !isObject(v) && v !== undefined) as LeafValue[]);

const objectsOf = (value: unknown): JsonObject[] => (value === undefined ? [] : flatten(value).filter(isObject));

/** A field of the event; inherited properties (`constructor`, `toString`) are not fields. */
const fieldOf = (node: JsonObject | undefined, name: string): unknown => (node !== undefined && Object.hasOwn(node, name) ? node[name] : undefined);

/** Whether the event (or the part of it at this level; `undefined` when there is none) matches. */
export const matchesObject = (pattern: ObjectPattern, node: JsonObject | undefined): boolean =>
  pattern.fields.every((field) => matchesField(field, fieldOf(node, field.name))) &&
  (pattern.anyOf === undefined || pattern.anyOf.some((alternative) => matchesObject(alternative, node)));

const matchesField = (field: FieldPattern, value: unknown): boolean => {
  if ('nested' in field) {
    const candidates = objectsOf(value);
    // No object here: only a sub-pattern that is satisfied by absence (exists:false) can match.
    if (candidates.length === 0) return matchesObject(field.nested, undefined);
    return candidates.some((candidate) => matchesObject(field.nested, candidate));
  }
  const leaves = leafValuesOf(value);
  return field.conditions.some((condition) => holdsForField(condition, leaves));
};

const holdsForField = (condition: ValueCondition, leaves: LeafValue[]): boolean => {
  switch (condition.kind) {
    case 'exists':
      return condition.exists === leaves.length > 0;
    case 'anything-but':
      return leaves.some((leaf) => !condition.excluded.some((excluded) => holdsForLeaf(excluded, leaf)));
    default:
      return leaves.some((leaf) => holdsForLeaf(condition, leaf));
  }
};

const lower = (s: string): string => s.toLowerCase();

const holdsForLeaf = (condition: PositiveCondition, leaf: LeafValue): boolean => {
  switch (condition.kind) {
    case 'exact':
      return exactlyEqual(condition.value, leaf);
    case 'prefix':
      return typeof leaf === 'string' && (condition.ignoreCase ? lower(leaf).startsWith(lower(condition.value)) : leaf.startsWith(condition.value));
    case 'suffix':
      return typeof leaf === 'string' && (condition.ignoreCase ? lower(leaf).endsWith(lower(condition.value)) : leaf.endsWith(condition.value));
    case 'equals-ignore-case':
      return typeof leaf === 'string' && lower(leaf) === lower(condition.value);
    case 'wildcard':
      return typeof leaf === 'string' && matchesWildcard(condition.pattern, leaf);
    case 'numeric':
      return typeof leaf === 'number' && inNumericRange(condition, leaf);
    case 'cidr':
      return typeof leaf === 'string' && ipInRange(leaf, condition.range);
  }
};

/** Same JSON type and value; numbers by EventBridge's comparison; IP literals as addresses. */
const exactlyEqual = (expected: LeafValue, actual: LeafValue): boolean => {
  if (typeof expected === 'number') return typeof actual === 'number' && numbersEqual(expected, actual);
  if (typeof expected === 'string') {
    return typeof actual === 'string' && (expected === actual || sameIpAddress(expected, actual));
  }
  return expected === actual;
};

const inNumericRange = (condition: Extract<PositiveCondition, { kind: 'numeric' }>, n: number): boolean => {
  // EventBridge cannot compare numbers outside ±5e9: they never satisfy a numeric filter.
  if (!isComparableNumber(n)) return false;
  const key = comparableKey(n);
  const { lower: low, upper: high } = condition;
  if (low && (low.inclusive ? key < low.key : key <= low.key)) return false;
  if (high && (high.inclusive ? key > high.key : key >= high.key)) return false;
  return true;
};
