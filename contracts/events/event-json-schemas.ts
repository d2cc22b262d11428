import * as z from 'zod';
import { allEventContracts, type EventContract, eventSchemaFile, type EventVersionContract } from './event-catalogue';
import { envelopeSchema } from './event-envelope';
import type { JsonSchema } from './schema-compatibility';
import { exampleDetailsOf } from './example-events';

/**
 * The JSON Schemas of every event version, generated from the catalogue's zod schemas: what
 * schemas/events/<name>/v<N>.json hold. Generated in "input" mode, so objects do not forbid
 * additional properties: consumers of an older version keep accepting events of a newer one.
 */

export interface GeneratedEventSchema {
  name: EventContract['name'];
  version: number;
  /** Relative to the repository root. */
  file: string;
  schema: JsonSchema;
}

/** The `detail` schema of one version of one event, as its file holds it. */
export function detailJsonSchema(contract: EventContract, version: EventVersionContract): JsonSchema {
  const { $schema, ...generated } = z.toJSONSchema(envelopeSchema(version.version, version.data), { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    $id: `urn:ordersaga:events:${contract.name}:v${version.version}`,
    title: `${contract.name} v${version.version}`,
    description:
      `The detail of the EventBridge event with source "${contract.source}" and detail-type "${contract.name}". ` +
      `${contract.description} Emitted when: ${contract.emittedWhen}` +
      (version.changes ? ` Changes from v${version.version - 1}: ${version.changes}` : ''),
    ...generated,
    examples: exampleDetailsOf(contract.name, version),
  };
}

export function generateEventSchemas(): GeneratedEventSchema[] {
  return allEventContracts().flatMap((contract) =>
    contract.versions.map((version) => ({
      name: contract.name,
      version: version.version,
      file: eventSchemaFile(contract.name, version.version),
      schema: detailJsonSchema(contract, version),
    })),
  );
}

/** A schema file's exact text: stable key order, two-space indent, trailing newline. */
export const renderSchemaFile = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;
