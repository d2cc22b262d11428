/**
 * Backward-compatibility check between two versions of an event's JSON Schema.
 *
 * Why hand-written: the question is narrow and our schemas are simple. "Compatible" here means both
 * that a consumer built on the new version still reads events of the old one (replays, the archive,
 * a producer not yet upgraded) and that a consumer still on the old version reads events of the new one.
 * So a field may be added only as optional, and nothing a consumer relies on may disappear or change
 * type. The general answer ("does schema A accept a subset of schema B?") is undecidable for full JSON
 * Schema and the npm diff tools either attempt that (slowly, partially) or report every textual change,
 * descriptions included. Zod generates our schemas from objects, arrays, scalars, enums and consts, so
 * a structural walk over exactly those keywords answers the question precisely, with messages that name
 * the field; anything else (unions, references) is flagged for review by hand rather than guessed.
 */

export type JsonSchema = Record<string, unknown>;

export interface BreakingChange {
  /** JSON path of the field, `$` being the schema's root. */
  path: string;
  problem: string;
}

/** Keywords that only describe: changing them breaks nobody. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', 'deprecated', '$comment']);

/** Keywords that narrow or widen the accepted values: any change breaks one side or the other. */
const CONSTRAINTS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
] as const;

/** Keywords this walk understands; others must be identical in both versions. */
const STRUCTURAL = new Set(['type', 'const', 'enum', 'properties', 'required', 'items', 'additionalProperties', ...CONSTRAINTS]);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const asSchema = (value: unknown): JsonSchema | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
const typesOf = (schema: JsonSchema): string[] => [schema.type ?? []].flat().map(String).sort();

/** Every change from `previous` to `next` that would break a producer or consumer of either. */
export function findBreakingChanges(previous: JsonSchema, next: JsonSchema, path = '$'): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const flag = (at: string, problem: string) => changes.push({ path: at, problem });

  if (!same(typesOf(previous), typesOf(next))) {
    flag(path, `retyped from ${typesOf(previous).join('|') || 'any'} to ${typesOf(next).join('|') || 'any'}`);
  }
  if ('const' in previous || 'const' in next) {
    if (!same(previous.const, next.const)) flag(path, `constant changed from ${JSON.stringify(previous.const)} to ${JSON.stringify(next.const)}`);
  }
  const hadEnum = Array.isArray(previous.enum);
  const hasEnum = Array.isArray(next.enum);
  if (hadEnum && !hasEnum) flag(path, 'enum removed: old consumers would receive values they do not know');
  if (!hadEnum && hasEnum) flag(path, 'enum introduced: old events may carry values it rejects');
  if (hadEnum && hasEnum) {
    const before = previous.enum as unknown[];
    const after = next.enum as unknown[];
    // Removing a value rejects old events; adding one sends old consumers a value they reject.
    const removed = before.filter((value) => !after.some((v) => same(v, value)));
    const added = after.filter((value) => !before.some((v) => same(v, value)));
    if (removed.length > 0) flag(path, `enum values removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
    if (added.length > 0) flag(path, `enum values added: ${added.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  for (const keyword of CONSTRAINTS) {
    if (!same(previous[keyword], next[keyword])) {
      flag(path, `${keyword} changed from ${JSON.stringify(previous[keyword])} to ${JSON.stringify(next[keyword])}`);
    }
  }
  for (const keyword of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (ANNOTATIONS.has(keyword) || STRUCTURAL.has(keyword)) continue;
    if (!same(previous[keyword], next[keyword])) flag(path, `${keyword} changed (not checked structurally: review by hand)`);
  }

  changes.push(...objectChanges(previous, next, path));
  const previousItems = asSchema(previous.items);
  const nextItems = asSchema(next.items);
  if (previousItems && nextItems) changes.push(...findBreakingChanges(previousItems, nextItems, `${path}[]`));
  else if (previousItems || nextItems) flag(`${path}[]`, 'array items schema added or removed');
  return changes;
}

function objectChanges(previous: JsonSchema, next: JsonSchema, path: string): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const before = asSchema(previous.properties) ?? {};
  const after = asSchema(next.properties) ?? {};
  const requiredBefore = new Set((previous.required as string[] | undefined) ?? []);
  const requiredAfter = new Set((next.required as string[] | undefined) ?? []);
  for (const field of Object.keys(before)) {
    const fieldPath = `${path}.${field}`;
    const nextField = asSchema(after[field]);
    if (!nextField) {
      changes.push({ path: fieldPath, problem: 'field removed' });
      continue;
    }
    changes.push(...findBreakingChanges(asSchema(before[field]) ?? {}, nextField, fieldPath));
  }
  for (const field of requiredAfter) {
    // A new field is fine as long as it is optional: old events do not have it.
    if (!requiredBefore.has(field)) changes.push({ path: `${path}.${field}`, problem: 'required field added' });
  }
  for (const field of requiredBefore) {
    // Old consumers rely on it being there.
    if (!requiredAfter.has(field) && field in after) changes.push({ path: `${path}.${field}`, problem: 'required field made optional' });
  }
  if (next.additionalProperties === false && previous.additionalProperties !== false) {
    changes.push({ path, problem: 'additional properties forbidden: old events with extra fields would be rejected' });
  }
  return changes;
}

/**
 * Breaking changes between two consecutive versions of an event's `detail` schema: everything but
 * the envelope's `version` constant, which must go up.
 */
export function findBreakingVersionChanges(previous: JsonSchema, next: JsonSchema): BreakingChange[] {
  const versionOf = (schema: JsonSchema) => asSchema(asSchema(schema.properties)?.version)?.const;
  const withoutVersion = (schema: JsonSchema): JsonSchema => {
    const properties = { ...(asSchema(schema.properties) ?? {}) };
    delete properties.version;
    return { ...schema, properties };
  };
  const changes = findBreakingChanges(withoutVersion(previous), withoutVersion(next));
  const [from, to] = [versionOf(previous), versionOf(next)];
  if (typeof from !== 'number' || typeof to !== 'number' || to <= from) {
    changes.push({ path: '$.version', problem: `the version must go up, got ${String(from)} → ${String(to)}` });
  }
  return changes;
}

export const describeBreakingChanges = (changes: BreakingChange[]): string => changes.map((c) => `${c.path}: ${c.problem}`).join('\n');
