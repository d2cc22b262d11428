import * as path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The document function bundles every context's contract. Contracts must import schemas only: an
 * adapter in the bundle would bring its SDK client (and its module-level setup, such as reading
 * TABLE_NAME) into a function that has no table access.
 */
test('the openapi-document function bundles no adapter and no data-plane SDK client', async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, 'functions/platform/handlers/open-api-document.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    mainFields: ['module', 'main'],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((input) =>
    /functions\/[^/]+\/adapters\/|@aws-sdk\/(client-(dynamodb|sfn|eventbridge|secrets-manager)|lib-dynamodb)\//.test(input),
  );
  expect(forbidden).toEqual([]);
  // Nor the function catalogue: the routes come from each context's api-contract.ts, not from the wiring.
  expect(inputs.filter((input) => /^lib\/|functions\/[^/]+\/wiring\.ts$/.test(input))).toEqual([]);
}, 60_000);
