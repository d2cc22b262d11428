import type * as z from 'zod';
import { inlineJsonSchema } from './inline-json-schema';
import type { JsonSchema } from './openapi-types';

/** Every keyword JSON Schema draft 4 defines that an API Gateway model may use (no `$ref`: models stand alone). */
const DRAFT4_KEYWORDS = new Set([
  '$schema',
  'title',
  'description',
  'default',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'items',
  'additionalItems',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'properties',
  'patternProperties',
  'additionalProperties',
  'dependencies',
  'enum',
  'type',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);
/** Keywords whose value maps names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependencies']);
/** Keywords with no validation meaning that API Gateway need not see. */
const ANNOTATIONS_TO_DROP = new Set(['examples', 'deprecated', 'readOnly', 'writeOnly']);

function assertDraft4(schema: unknown, at: string): void {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) assertDraft4(item, `${at}/${index}`);
    return;
  }
  if (!schema || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if (!DRAFT4_KEYWORDS.has(key)) throw new Error(`"${key}" at ${at || '/'} is not a JSON Schema draft 4 keyword`);
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value !== 'boolean')
      throw new Error(`${key} at ${at} must be a boolean in draft 4`);
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value)) assertDraft4(sub, `${at}/${key}/${name}`);
    } else if (typeof value === 'object' && key !== 'enum' && key !== 'default' && key !== 'required' && key !== 'type') {
      assertDraft4(value, `${at}/${key}`);
    }
  }
}

function withoutAnnotations(schema: unknown, inSchemaMap = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withoutAnnotations(item));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => inSchemaMap || !ANNOTATIONS_TO_DROP.has(key))
      .map(([key, value]) => [key, key === 'enum' || key === 'default' ? value : withoutAnnotations(value, !inSchemaMap && SCHEMA_MAPS.has(key))]),
  );
}

/**
 * A request body schema as an API Gateway model: JSON Schema draft 4 (the only draft API Gateway
 * accepts), self-contained, by zod's own draft-4 target. Anything draft 4 cannot say fails here, at
 * synth, instead of at deploy time or, worse, as a model that validates less than the handler.
 */
export function draft4Model(schema: z.ZodType, usedBy: string): JsonSchema {
  const converted = withoutAnnotations(inlineJsonSchema(schema, { target: 'draft-04', direction: 'input', usedBy })) as JsonSchema;
  try {
    assertDraft4(converted, '');
  } catch (error) {
    throw new Error(`the body schema of ${usedBy} cannot be an API Gateway model: ${(error as Error).message}`);
  }
  return converted;
}
