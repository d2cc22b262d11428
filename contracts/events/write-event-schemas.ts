/**
 * Writes schemas/events/<name>/v<N>.json from the catalogue:
 *
 *   npx tsx contracts/events/write-event-schemas.ts
 *
 * A published version is immutable in substance: the script refuses to overwrite a committed file
 * with a schema that would break its consumers (descriptions and examples may still change). A
 * breaking change needs a new version in the catalogue. test/unit/events/event-schema-files.test.ts
 * fails while the committed files differ from what this would write.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateEventSchemas, renderSchemaFile } from './event-json-schemas';
import { describeBreakingChanges, findBreakingChanges } from './schema-compatibility';

export interface WriteReport {
  written: string[];
  unchanged: string[];
}

export function writeEventSchemas(repositoryRoot: string): WriteReport {
  const report: WriteReport = { written: [], unchanged: [] };
  const planned = generateEventSchemas().map((generated) => {
    const file = path.join(repositoryRoot, generated.file);
    const text = renderSchemaFile(generated.schema);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (committed !== undefined && committed !== text) {
      const breaking = findBreakingChanges(JSON.parse(committed), generated.schema);
      if (breaking.length > 0) {
        throw new Error(`${generated.file} is published; this change breaks its consumers (add a new version instead):\n${describeBreakingChanges(breaking)}`);
      }
    }
    return { generated, file, text, committed };
  });
  // Nothing is written unless every file may be.
  for (const { generated, file, text, committed } of planned) {
    if (committed === text) {
      report.unchanged.push(generated.file);
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    report.written.push(generated.file);
  }
  return report;
}

if (require.main === module) {
  const report = writeEventSchemas(path.resolve(__dirname, '../..'));
  for (const file of report.written) process.stdout.write(`wrote ${file}\n`);
  process.stdout.write(`${report.written.length} written, ${report.unchanged.length} unchanged\n`);
}
