/**
 * Validates a raw event pattern (parsed JSON) and turns it into the AST of pattern-ast.ts.
 * The rules and most messages follow aws/event-ruler's JsonRuleCompiler, the engine EventBridge runs, so a
 * pattern AWS would reject with InvalidEventPatternException is rejected here too, at rule load time.
 */
import { comparableKey, isComparableNumber, NUMERIC_LIMIT } from './comparable-number';
import { parseCidr } from './ip-address';
import type { FieldPattern, LeafValue, NumericBound, ObjectPattern, PositiveCondition, ValueCondition } from './pattern-ast';
import { parseWildcard } from './wildcard-pattern';

/** EventBridge's InvalidEventPatternException, with where in the pattern the problem is. */
export class InvalidEventPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` (at ${path})` : ''}`);
    this.name = 'InvalidEventPatternException';
  }
}

const OR_KEYWORD = '$or';

/** Operator names that may not be used as field names inside `$or` (they would be ambiguous). */
const RESERVED_INSIDE_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const isLeaf = (v: unknown): v is LeafValue => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const describe = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

const childPath = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Parses a whole pattern. Throws InvalidEventPatternError. */
export const parseEventPattern = (pattern: unknown): ObjectPattern => {
  if (!isObject(pattern)) throw new InvalidEventPatternError('Filter is not an object', '');
  return parseObject(pattern, '', false);
};

const parseObject = (obj: JsonObject, path: string, insideOr: boolean): ObjectPattern => {
  const fields: FieldPattern[] = [];
  let anyOf: ObjectPattern[] | undefined;
  // Keys whose value is undefined are what JSON.stringify drops: they are not part of the pattern.
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw new InvalidEventPatternError('Empty objects are not allowed', path);

  for (const [name, value] of entries) {
    const here = childPath(path, name);
    if (name === OR_KEYWORD) {
      anyOf = parseOr(value, here);
      continue;
    }
    if (insideOr && RESERVED_INSIDE_OR.has(name)) {
      throw new InvalidEventPatternError(`${name} is Ruler reserved fieldName which cannot be used inside $or.`, here);
    }
    if (isObject(value)) {
      fields.push({ name, nested: parseObject(value, here, insideOr) });
    } else if (Array.isArray(value)) {
      fields.push({ name, conditions: parseValueList(value, here) });
    } else {
      throw new InvalidEventPatternError(`"${name}" must be an object or an array`, here);
    }
  }
  return anyOf ? { fields, anyOf } : { fields };
};

const parseOr = (value: unknown, path: string): ObjectPattern[] => {
  if (!Array.isArray(value)) throw new InvalidEventPatternError('It must be an Array followed with $or.', path);
  const alternatives = value.map((alt, i) => {
    if (!isObject(alt)) {
      throw new InvalidEventPatternError('Only JSON object is allowed in array of $or relationship.', `${path}[${i}]`);
    }
    return parseObject(alt, `${path}[${i}]`, true);
  });
  if (alternatives.length < 2) {
    throw new InvalidEventPatternError('There must have at least 2 Objects in $or relationship.', path);
  }
  return alternatives;
};

const parseValueList = (values: unknown[], path: string): ValueCondition[] => {
  if (values.length === 0) throw new InvalidEventPatternError('Empty arrays are not allowed', path);
  return values.map((value, i) => {
    const here = `${path}[${i}]`;
    if (isLeaf(value)) return { kind: 'exact', value };
    if (isObject(value)) return parseMatchExpression(value, here);
    throw new InvalidEventPatternError('Match value must be String, number, true, false, or null', here);
  });
};

/** `{ "<operator>": <argument> }`: exactly one operator per object. */
const singleOperator = (expr: JsonObject, path: string, notFound: string): [string, unknown] => {
  const keys = Object.keys(expr);
  if (keys.length === 0) throw new InvalidEventPatternError(notFound, path);
  if (keys.length > 1) throw new InvalidEventPatternError('Only one key allowed in match expression', path);
  return [keys[0], expr[keys[0]]];
};

const requireString = (value: unknown, message: string, path: string): string => {
  if (typeof value !== 'string') throw new InvalidEventPatternError(message, path);
  return value;
};

/** Turns an Error thrown by a helper parser (CIDR, wildcard) into an InvalidEventPatternError. */
const rethrowAsInvalid = <T>(path: string, parse: () => T): T => {
  try {
    return parse();
  } catch (e) {
    throw new InvalidEventPatternError((e as Error).message, path);
  }
};

const parseMatchExpression = (expr: JsonObject, path: string): ValueCondition => {
  const [operator, argument] = singleOperator(expr, path, 'Match expression name not found');
  const here = childPath(path, operator);
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return parsePrefixOrSuffix(operator, argument, here);
    case 'equals-ignore-case':
      return { kind: 'equals-ignore-case', value: requireString(argument, 'equals-ignore-case match pattern must be a string', here) };
    case 'wildcard': {
      const text = requireString(argument, 'wildcard match pattern must be a string', here);
      return { kind: 'wildcard', pattern: rethrowAsInvalid(here, () => parseWildcard(text)) };
    }
    case 'exists':
      if (typeof argument !== 'boolean') {
        throw new InvalidEventPatternError('exists match pattern must be either true or false.', here);
      }
      return { kind: 'exists', exists: argument };
    case 'cidr': {
      const text = requireString(argument, 'cidr match pattern must be a string', here);
      return { kind: 'cidr', range: rethrowAsInvalid(here, () => parseCidr(text)) };
    }
    case 'numeric':
      return parseNumeric(argument, here);
    case 'anything-but':
      return { kind: 'anything-but', excluded: parseAnythingBut(argument, here) };
    default:
      throw new InvalidEventPatternError(`Unrecognized match type ${operator}`, path);
  }
};

/** `{"prefix": "x"}` or `{"prefix": {"equals-ignore-case": "x"}}` (and the same for suffix). */
const parsePrefixOrSuffix = (kind: 'prefix' | 'suffix', argument: unknown, path: string): PositiveCondition => {
  if (isObject(argument)) {
    const [operator, text] = singleOperator(argument, path, 'Match expression name not found');
    if (operator !== 'equals-ignore-case') {
      throw new InvalidEventPatternError(`Unsupported ${kind} pattern: ${operator}`, path);
    }
    return { kind, value: requireString(text, `${kind} match pattern must be a string`, path), ignoreCase: true };
  }
  return { kind, value: requireString(argument, `${kind} match pattern must be a string`, path), ignoreCase: false };
};

const checkedNumber = (value: unknown, operator: string, path: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidEventPatternError(`Value of ${operator} must be numeric`, path);
  }
  if (!isComparableNumber(value)) {
    throw new InvalidEventPatternError(`Value must be between ${-NUMERIC_LIMIT} and ${NUMERIC_LIMIT}, inclusive`, path);
  }
  return value;
};

const bound = (value: number, inclusive: boolean): NumericBound => ({ key: comparableKey(value), inclusive });

/**
 * `[op, n]` with op one of = < <= > >=, or a range `[> or >=, low, < or <=, high]` (lower bound first,
 * low < high), exactly as EventBridge accepts them.
 */
const parseNumeric = (argument: unknown, path: string): PositiveCondition => {
  if (!Array.isArray(argument)) throw new InvalidEventPatternError('Value of numeric must be an array.', path);
  const [operator, first, nextOperator, second] = argument;
  if (typeof operator !== 'string') {
    throw new InvalidEventPatternError(`Invalid member in numeric match: ${describe(operator)}`, path);
  }
  const tooMany = (max: number) => {
    if (argument.length > max) throw new InvalidEventPatternError('Too many elements in numeric expression', path);
  };
  switch (operator) {
    case '=': {
      const n = checkedNumber(first, operator, path);
      tooMany(2);
      return { kind: 'numeric', lower: bound(n, true), upper: bound(n, true) };
    }
    case '<':
    case '<=': {
      const n = checkedNumber(first, operator, path);
      tooMany(2);
      return { kind: 'numeric', upper: bound(n, operator === '<=') };
    }
    case '>':
    case '>=': {
      const low = checkedNumber(first, operator, path);
      const lower = bound(low, operator === '>=');
      if (argument.length === 2) return { kind: 'numeric', lower };
      if (typeof nextOperator !== 'string') {
        throw new InvalidEventPatternError(`Bad value in numeric range: ${describe(nextOperator)}`, path);
      }
      if (nextOperator !== '<' && nextOperator !== '<=') {
        throw new InvalidEventPatternError(`Bad numeric range operator: ${nextOperator}`, path);
      }
      const high = checkedNumber(second, nextOperator, path);
      if (argument.length > 4) throw new InvalidEventPatternError('Too many terms in numeric range expression', path);
      const upper = bound(high, nextOperator === '<=');
      if (lower.key >= upper.key) throw new InvalidEventPatternError('Bottom must be less than top', path);
      return { kind: 'numeric', lower, upper };
    }
    default:
      throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${operator}`, path);
  }
};

/**
 * The argument of `anything-but`: a string, a number, a list of only strings or only numbers, or one of
 * `{prefix: s}`, `{suffix: s}`, `{equals-ignore-case: s | s[]}`, `{wildcard: s | s[]}`.
 * Returns the conditions a value must fail to pass.
 */
const parseAnythingBut = (argument: unknown, path: string): PositiveCondition[] => {
  if (isObject(argument)) return parseAnythingButOperator(argument, path);
  if (typeof argument === 'string') return [{ kind: 'exact', value: argument }];
  if (typeof argument === 'number') return [{ kind: 'exact', value: checkedNumber(argument, 'anything-but', path) }];
  if (!Array.isArray(argument)) {
    throw new InvalidEventPatternError('Value of anything-but must be an array or single string/number value.', path);
  }
  const strings = argument.filter((v) => typeof v === 'string');
  const numbers = argument.filter((v) => typeof v === 'number');
  if (strings.length + numbers.length !== argument.length) {
    throw new InvalidEventPatternError('Inside anything but list, start|null|boolean is not supported.', path);
  }
  if (argument.length === 0 || (strings.length > 0 && numbers.length > 0)) {
    throw new InvalidEventPatternError('Inside anything but list, either all values are number or string, mixed type is not supported', path);
  }
  return argument.map((v) => ({ kind: 'exact', value: typeof v === 'number' ? checkedNumber(v, 'anything-but', path) : v }));
};

const parseAnythingButOperator = (argument: JsonObject, path: string): PositiveCondition[] => {
  const [operator, value] = singleOperator(argument, path, 'Anything-But expression name not found');
  const here = childPath(path, operator);
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const text = requireString(value, 'prefix/suffix match pattern must be a string', here);
      if (text === '') throw new InvalidEventPatternError('Null prefix/suffix not allowed', here);
      return [{ kind: operator, value: text, ignoreCase: false }];
    }
    case 'equals-ignore-case':
      return stringOrStringList(value, here, 'anything-but/equals-ignore-case').map((text) => ({
        kind: 'equals-ignore-case',
        value: text,
      }));
    case 'wildcard':
      return stringOrStringList(value, here, 'anything-but/wildcard').map((text) => ({
        kind: 'wildcard',
        pattern: rethrowAsInvalid(here, () => parseWildcard(text)),
      }));
    default:
      throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${operator}`, path);
  }
};

const stringOrStringList = (value: unknown, path: string, what: string): string[] => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string')) {
    throw new InvalidEventPatternError(`Inside ${what} list, number|start|null|boolean is not supported.`, path);
  }
  return list as string[];
};
