import * as z from 'zod';
import type { JsonSchema } from './openapi-types';

/**
 * The global registry's metadata without ids: descriptions and examples still reach the output, but
 * no schema is pulled out into `$defs`, so the result is one self-contained schema.
 */
class MetadataWithoutIds extends z.core.$ZodRegistry<Record<string, unknown>> {
  override get(schema: z.core.$ZodType): Record<string, unknown> | undefined {
    const meta = z.globalRegistry.get(schema);
    if (!meta) return undefined;
    const { id: _id, ...rest } = meta;
    return rest;
  }

  override has(schema: z.core.$ZodType): boolean {
    return z.globalRegistry.has(schema);
  }
}

const metadataWithoutIds = new MetadataWithoutIds();

export type InlineSchemaTarget = 'draft-2020-12' | 'draft-04';

/**
 * A zod schema as one JSON Schema with nothing referenced: for parameters (which the document
 * shows inline) and for API Gateway models (which cannot reference anything but other models).
 * Throws, naming `usedBy`, for a schema JSON Schema cannot express.
 */
export function inlineJsonSchema(schema: z.ZodType, options: { target: InlineSchemaTarget; direction: 'input' | 'output'; usedBy: string }): JsonSchema {
  let converted: JsonSchema;
  try {
    converted = z.toJSONSchema(schema, { target: options.target, io: options.direction, metadata: metadataWithoutIds, cycles: 'throw' }) as JsonSchema;
  } catch (error) {
    throw new Error(`the schema of ${options.usedBy} has no JSON Schema equivalent: ${(error as Error).message}`);
  }
  return converted;
}

/** Without the `$schema` marker: for a schema embedded in a larger document. */
export function embeddedJsonSchema(schema: z.ZodType, options: { direction: 'input' | 'output'; usedBy: string }): JsonSchema {
  const { $schema: _dialect, ...rest } = inlineJsonSchema(schema, { ...options, target: 'draft-2020-12' });
  return rest;
}
