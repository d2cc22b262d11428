/**
 * Generates the TypeScript client's types (clients/typescript/src/schema.d.ts) from the API's OpenAPI
 * document with openapi-typescript, the document the API serves at /api/v1/openapi.json.
 *
 *   npm run client:generate          writes the file
 *   npm run client:generate -- --check   exits 1 when the committed file differs from the document
 *
 * `npm test` runs the check (test/unit/clients/typescript-client.test.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiDocument } from '#platform/application/api-document';

const CLIENT_TYPES_FILE = path.resolve(__dirname, '../clients/typescript/src/schema.d.ts');

const HEADER = [
  '/**',
  ' * Generated from the ordersaga OpenAPI document by openapi-typescript: do not edit.',
  ' * Regenerate with `npm run client:generate` after changing a route contract.',
  ' */',
  '',
].join('\n');

/** The types of the API as openapi-typescript derives them from the document the API serves. */
async function generateClientTypes(document: object = apiDocument()): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: our document type and openapi-typescript's are structurally alike, not assignable.
  const nodes = await openapiTS(document as any, { silent: true, alphabetize: false });
  return `${HEADER}${astToString(nodes)}`;
}

/** The first line where the committed types and the generated ones differ, or undefined when they are equal. */
function firstDifference(committed: string, generated: string): { line: number; committed: string; generated: string } | undefined {
  if (committed === generated) return undefined;
  const a = committed.split('\n');
  const b = generated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, committed: a[i] ?? '<end of file>', generated: b[i] ?? '<end of file>' };
  }
  return undefined;
}

async function main(args: string[]): Promise<number> {
  const generated = await generateClientTypes();
  const fileIndex = args.indexOf('--file');
  const file = fileIndex >= 0 ? path.resolve(args[fileIndex + 1]!) : CLIENT_TYPES_FILE;
  const relative = path.relative(process.cwd(), file);
  if (!args.includes('--check')) {
    await writeFile(file, generated);
    console.log(`wrote ${relative}`);
    return 0;
  }
  const committed = await readFile(file, 'utf8').catch(() => '');
  const difference = firstDifference(committed, generated);
  if (!difference) {
    console.log(`${relative} matches the OpenAPI document`);
    return 0;
  }
  console.error(
    `${relative} does not match the OpenAPI document (line ${difference.line}):\n` +
      `  committed: ${difference.committed}\n  generated: ${difference.generated}\nRun \`npm run client:generate\` and commit the result.`,
  );
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
