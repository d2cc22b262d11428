import * as z from 'zod';
import type { JsonSchema } from './openapi-types';

/** Whether a schema describes what a client sends (defaults optional) or what the API answers. */
export type SchemaDirection = 'input' | 'output';

export interface ComponentSchemaEntry {
  schema: z.ZodType;
  direction: SchemaDirection;
  /** The component name when the schema has no `.meta({ id })` of its own. */
  fallbackName: string;
  /** Who uses it, for error messages. */
  usedBy: string;
}

export interface ComponentSchemas {
  /** `components.schemas` of the document. */
  schemas: Record<string, JsonSchema>;
  /** The `$ref` of an entry's schema, in the direction it was added with. */
  refOf(schema: z.ZodType, direction: SchemaDirection): string;
}

const COMPONENT_PREFIX = '#/components/schemas/';

/** `.meta({ id })` in zod's global registry: the name a schema author chose. */
export const declaredSchemaId = (schema: z.core.$ZodType): string | undefined => z.globalRegistry.get(schema)?.id;

/** Every schema inside `root` (itself included) that declares an id, found by walking zod's own conversion. */
function namedSchemasWithin(root: z.ZodType, direction: SchemaDirection, usedBy: string): Map<string, z.core.$ZodType> {
  const found = new Map<string, z.core.$ZodType>();
  try {
    z.toJSONSchema(root, {
      io: direction,
      override: ({ zodSchema }) => {
        const id = declaredSchemaId(zodSchema);
        if (id) found.set(id, zodSchema);
      },
    });
  } catch (error) {
    throw new Error(`the schema of ${usedBy} has no JSON Schema equivalent: ${(error as Error).message}`);
  }
  return found;
}

/** References to other components in a converted schema. */
function referencedNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) referencedNames(item, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith(COMPONENT_PREFIX)) throw new Error(`unexpected reference ${value} (a recursive schema needs a .meta({ id }))`);
        into.add(value.slice(COMPONENT_PREFIX.length));
      } else referencedNames(value, into);
    }
  }
  return into;
}

/** zod's registry conversion stamps `$schema` and `$id` on every entry; inside a document they would change ref resolution. */
function asComponent(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function convert(registry: z.core.$ZodRegistry<{ id: string }>, direction: SchemaDirection, nameOf: (id: string) => string): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io: direction, uri: (id) => `${COMPONENT_PREFIX}${nameOf(id)}` });
  if ('__shared' in schemas) throw new Error('a schema is shared without a name: give recursive schemas a .meta({ id })');
  return schemas as Record<string, JsonSchema>;
}

/**
 * The named JSON Schema 2020-12 components for a set of request and response schemas, by zod's own
 * converter. A schema keeps the id it declares (`.meta({ id: 'Order' })`), else it gets its fallback
 * name; schemas it contains that declare an id become components of their own. Where a schema reads
 * differently as input than as output (a default makes a field optional to send but always present in
 * answers), the input form is a separate `<Name>Input` component.
 */
export function componentSchemas(entries: ComponentSchemaEntry[]): ComponentSchemas {
  const nameBySchema = new Map<z.core.$ZodType, string>();
  const schemaByName = new Map<string, z.core.$ZodType>();
  // Each direction converts only its own schemas: an input-only transform has no output form.
  const registries = { input: z.registry<{ id: string }>(), output: z.registry<{ id: string }>() };
  const names = { input: new Set<string>(), output: new Set<string>() };
  const claim = (schema: z.core.$ZodType, name: string, direction: SchemaDirection, usedBy: string) => {
    const holder = schemaByName.get(name);
    if (holder && holder !== schema)
      throw new Error(`two different schemas are named "${name}" (the second is used by ${usedBy}): give one another .meta({ id })`);
    const known = nameBySchema.get(schema) ?? name;
    nameBySchema.set(schema, known);
    schemaByName.set(known, schema);
    if (!names[direction].has(known)) {
      names[direction].add(known);
      registries[direction].add(schema, { id: known });
    }
  };
  for (const entry of entries) {
    claim(entry.schema, declaredSchemaId(entry.schema) ?? entry.fallbackName, entry.direction, entry.usedBy);
    for (const [id, nested] of namedSchemasWithin(entry.schema, entry.direction, entry.usedBy)) claim(nested, id, entry.direction, entry.usedBy);
  }

  const outputs = names.output.size ? convert(registries.output, 'output', (id) => id) : {};
  const plainInputs = names.input.size ? convert(registries.input, 'input', (id) => id) : {};

  // Names used both ways whose input form differs, directly or through a component they reference.
  const inputVariants = new Set<string>();
  const shared = [...names.input].filter((name) => names.output.has(name));
  for (const name of shared) if (JSON.stringify(plainInputs[name]) !== JSON.stringify(outputs[name])) inputVariants.add(name);
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of shared) {
      if (!inputVariants.has(name) && [...referencedNames(plainInputs[name])].some((ref) => inputVariants.has(ref))) {
        inputVariants.add(name);
        grew = true;
      }
    }
  }
  const inputName = (name: string) => (inputVariants.has(name) ? `${name}Input` : name);
  for (const name of inputVariants) {
    if (schemaByName.has(inputName(name))) throw new Error(`"${inputName(name)}" is both a schema id and the input form of "${name}"`);
  }
  const inputs = inputVariants.size ? convert(registries.input, 'input', inputName) : plainInputs;

  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(outputs)) schemas[name] = asComponent(schema);
  for (const [name, schema] of Object.entries(inputs)) schemas[inputName(name)] ??= asComponent(schema);

  return {
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    refOf(schema, direction) {
      const name = nameBySchema.get(schema);
      if (!name || !names[direction].has(name)) throw new Error(`refOf: that schema was not added as ${direction}`);
      return `${COMPONENT_PREFIX}${direction === 'input' ? inputName(name) : name}`;
    },
  };
}
