/**
 * An event pattern after validation: the shape `pattern-parser.ts` produces and `pattern-evaluator.ts`
 * walks. Keeping it separate from the raw JSON means a pattern is checked once, when a rule is loaded,
 * and matching never has to re-interpret operator objects.
 */
import type { IpRange } from './ip-address';
import type { WildcardPattern } from './wildcard-pattern';

/** A JSON leaf as it can appear in an event: what filters compare against. */
export type LeafValue = string | number | boolean | null;

/** One end of a numeric range, as a comparable key (see comparable-number.ts). */
export interface NumericBound {
  key: number;
  inclusive: boolean;
}

/** A filter that holds for some leaf values; `anything-but` negates a list of these. */
export type PositiveCondition =
  | { kind: 'exact'; value: LeafValue }
  | { kind: 'prefix'; value: string; ignoreCase: boolean }
  | { kind: 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; pattern: WildcardPattern }
  | { kind: 'numeric'; lower?: NumericBound; upper?: NumericBound }
  | { kind: 'cidr'; range: IpRange };

/** One element of a field's value array in the pattern. */
export type ValueCondition =
  | PositiveCondition
  | { kind: 'exists'; exists: boolean }
  /** Holds for a present leaf value that none of `excluded` holds for (never for a missing field). */
  | { kind: 'anything-but'; excluded: PositiveCondition[] };

export type FieldPattern =
  /** `"name": { ... }`: the field must be an object (or array of objects) matching the nested pattern. */
  | { name: string; nested: ObjectPattern }
  /** `"name": [ ... ]`: some condition must hold (OR). */
  | { name: string; conditions: ValueCondition[] };

/** A JSON object of the pattern: every field must match (AND), and so must one of the `$or` alternatives. */
export interface ObjectPattern {
  fields: FieldPattern[];
  /** The `$or` of this level (a JSON object has at most one), whose sub-patterns see the same event level. */
  anyOf?: ObjectPattern[];
}
