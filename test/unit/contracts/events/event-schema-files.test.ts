import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { generateEventSchemas, renderSchemaFile } from '#contracts/events/event-json-schemas';
import { describeBreakingChanges, findBreakingChanges } from '#contracts/events/schema-compatibility';
import { exampleDetails } from '#contracts/events/example-events';

const root = path.resolve(__dirname, '../../../..');
const generated = generateEventSchemas();
const REGENERATE = 'run `npx tsx contracts/events/write-event-schemas.ts` and commit schemas/events/';

describe('schemas/events (JSON Schemas under version control)', () => {
  test.each(generated.map((g) => [g.file, g] as const))('%s is committed and equals what the catalogue generates', (file, schema) => {
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) throw new Error(`${file} is missing: ${REGENERATE}`);
    const committed = readFileSync(absolute, 'utf8');
    // A published version may only change in ways that break no one; say so before "differs".
    const breaking = findBreakingChanges(JSON.parse(committed), schema.schema);
    if (breaking.length > 0) throw new Error(`${file} changed incompatibly; add a new version instead:\n${describeBreakingChanges(breaking)}`);
    if (committed !== renderSchemaFile(schema.schema)) throw new Error(`${file} differs from the catalogue: ${REGENERATE}`);
  });

  test('holds no schema file the catalogue does not generate', () => {
    const dir = path.join(root, 'schemas/events');
    const files = readdirSync(dir).flatMap((name) => readdirSync(path.join(dir, name)).map((file) => `schemas/events/${name}/${file}`));
    expect(files.sort()).toEqual(generated.map((g) => g.file).sort());
  });

  test("each committed file is a valid draft 2020-12 schema that accepts its version's examples (the JSON side agrees with zod)", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const { file, name, version } of generated) {
      const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, file), 'utf8')));
      for (const detail of exampleDetails(name, version)) {
        expect({ file, valid: validate(detail), errors: validate.errors }).toEqual({ file, valid: true, errors: null });
      }
      // And rejects what the contract forbids.
      expect(validate({ ...exampleDetails(name, version)[0], version: version + 1 })).toBe(false);
      expect(validate({ ...exampleDetails(name, version)[0], correlationId: '' })).toBe(false);
    }
  });
});
