import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allEventContracts, eventSchemaFile } from '#contracts/events/event-catalogue';
import { exampleEvents } from '#contracts/events/example-events';
import { appWiring } from '#lib/wiring';

/** The page, with the padding a Markdown formatter aligns table cells with taken out. */
const doc = readFileSync(path.resolve(__dirname, '../../../../docs/events.md'), 'utf8')
  .replace(/ {2,}\|/g, ' |')
  .replace(/\| {2,}/g, '| ');

/** JSON as the page prints it (spaces inside braces) and as JSON.stringify does, compared alike. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');

/** The section of docs/events.md about one event: from its heading to the next heading. */
const sectionOf = (name: string): string => {
  const start = doc.indexOf(`#### \`${name}\``);
  if (start < 0) throw new Error(`docs/events.md has no section for ${name}`);
  const next = doc.slice(start + 1).search(/\n#{2,4} /);
  return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next);
};

describe('docs/events.md (the event catalogue page)', () => {
  test.each(allEventContracts().map((c) => [c.name, c] as const))("%s: source, schema file, when emitted and the catalogue's example", (name, contract) => {
    const section = sectionOf(name);
    expect(section).toContain(`| source | \`${contract.source}\` |`);
    expect(section).toContain(`[\`${eventSchemaFile(name, contract.latest.version)}\`](../${eventSchemaFile(name, contract.latest.version)})`);
    expect(section).toContain(contract.emittedWhen);
    expect(squeezed(section)).toContain(squeezed(JSON.stringify(exampleEvents(name)[0].detail.data)));
  });

  test('shows every rule of the stack with its pattern as deployed', () => {
    for (const rule of appWiring.eventRules) expect(doc).toContain(`| \`${rule.id}\` | \`${JSON.stringify(rule.eventPattern)}\` |`);
  });

  test('explains replay and cross-account subscription with both policies', () => {
    expect(doc).toContain('aws events start-replay');
    expect(doc).toContain('"events:creatorAccount"');
    expect(doc).toMatch(/"Action": "events:PutEvents"/);
  });
});
