/** JSON values as state machines pass them between states. */
export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Step Functions' API and history carry data as JSON text; `undefined` becomes `null` as in Lambda. */
export const toJsonText = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

/** Replaces every occurrence of `needle` inside any string of `value` (deeply) with `replacement`. */
export function replaceInStrings(value: JsonValue, needle: string, replacement: string): JsonValue {
  if (typeof value === 'string') return value.includes(needle) ? value.split(needle).join(replacement) : value;
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, needle, replacement));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, needle, replacement)]));
  }
  return value;
}

/**
 * A deep copy of JSON data. Not structuredClone: its objects come from another realm under jest, and
 * aws-local-stepfunctions only resolves `.$` fields inside objects whose prototype is its Object.prototype.
 */
export const deepCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A value as plain JSON data of this realm (task results may come from worker threads or SDK objects). */
export const asJson = (value: unknown): JsonValue => JSON.parse(toJsonText(value)) as JsonValue;
