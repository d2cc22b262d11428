import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const LEDGER = 'docs/local-runtime-fidelity.md';

/** Each folder of local/ that emulates an AWS service, and the ledger sections that list its differences. */
const EMULATIONS: Record<string, string[]> = {
  'front-door': ['api-gateway'],
  lambda: ['lambda'],
  dynamodb: ['dynamodb', 'dynamodb-streams'],
  eventbridge: ['eventbridge'],
  scheduler: ['eventbridge-schedules'],
  stepfunctions: ['step-functions'],
  ses: ['ses'],
  sns: ['sns'],
  'aws-api': ['the-aws-endpoint'],
  identity: ['identity'],
};
/**
 * Folders that emulate no AWS service: the simulated payment provider stands in for a third party, the
 * console is the runtime's own page.
 */
const NOT_AWS = new Set(['payments', 'console']);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/** The ledger's `##` sections: anchor → the lines under the heading. */
function ledgerSections(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(path.join(root, LEDGER), 'utf8').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = [];
      sections.set(anchorOf(heading[1]!), current);
    } else current?.push(line);
  }
  return sections;
}

const sourceOf = (folder: string): string =>
  readdirSync(path.join(root, 'local', folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(root, 'local', folder, file), 'utf8'))
    .join('\n');

describe('the ledger of differences between the local runtime and AWS', () => {
  const sections = ledgerSections();

  test('every folder of local/ is an emulation with ledger sections, or is named as no AWS service', () => {
    const folders = readdirSync(path.join(root, 'local'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(folder in EMULATIONS) && !NOT_AWS.has(folder))).toEqual([]);
  });

  test.each(Object.entries(EMULATIONS))('local/%s names its ledger sections, and they exist', (folder, anchors) => {
    const source = sourceOf(folder);
    for (const anchor of anchors) {
      expect({ folder, anchor, linked: source.includes(`${LEDGER}#${anchor}`) }).toEqual({ folder, anchor, linked: true });
      expect({ anchor, inLedger: sections.has(anchor) }).toEqual({ anchor, inLedger: true });
    }
  });

  test('every section has rows, and every row says what AWS does with a link to its documentation', () => {
    for (const [anchor, lines] of sections) {
      const rows = lines.filter((line) => line.startsWith('|')).slice(2); // the header and its rule
      expect({ anchor, rows: rows.length > 0 }).toEqual({ anchor, rows: true });
      for (const row of rows) {
        const cells = row.split(' | ');
        expect({ anchor, row: row.slice(0, 60), cells: cells.length, linksAws: cells[1]?.includes('https://docs.aws.amazon.com/') }).toEqual({
          anchor,
          row: row.slice(0, 60),
          cells: 4,
          linksAws: true,
        });
      }
    }
  });
});
