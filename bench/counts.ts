/**
 * `npm run bench:counts`: the bench's deterministic figures only, in a minute or two and with no
 * throughput run, for CI to hold against the committed baseline (`npm run bench:compare`,
 * bench/baseline/counts-comparison.ts): per saga path and workflow type the states entered, DynamoDB
 * calls and write units per order (DynamoDB Local's and the documented rule's) (real orders through the local runtime, one at a time, as
 * `npm run bench` measures them), and each function's bundle size. Writes bench/counts.json.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SagaWorkflowType } from '#contracts/state-machines';
import { appWiring } from '#lib/wiring';
import { bundleFunctions } from '#local/lambda/function-bundler';
import type { BenchCounts } from './baseline/counts-comparison';
import { measureWorkflowPaths } from './workflow-paths';

const root = path.resolve(__dirname, '..');
const progress = (line: string) => process.stderr.write(`bench:counts: ${line}\n`);

async function bundleSizes(): Promise<BenchCounts['functions']> {
  const bundles = await bundleFunctions(root, appWiring.functions);
  try {
    return appWiring.functions.map((fn) => ({ id: fn.id, bundleKB: kilobytes(bundles.bundles.get(fn.id)!) }));
  } finally {
    bundles.dispose();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
const kilobytes = (file: string) => round(statSync(file).size / 1024);

async function main(): Promise<void> {
  const paths: BenchCounts['paths'] = [];
  for (const workflow of ['standard', 'express'] as SagaWorkflowType[]) {
    progress(`saga paths, the order saga as ${workflow}`);
    for (const figures of await measureWorkflowPaths(root, workflow, progress)) {
      paths.push({
        path: figures.path,
        workflow,
        statesEntered: round(figures.statesEntered),
        dynamoDbCalls: round(figures.dynamoDbCalls),
        dynamoDbWriteUnits: round(figures.usage.dynamoDbWriteUnits),
        dynamoDbWriteUnitsDocumented: round(figures.usage.dynamoDbDocumentedWriteUnits),
      });
    }
  }
  progress('bundles');
  const counts: BenchCounts = {
    about:
      'npm run bench:counts: per order, the mean of the orders measured on each path; DynamoDB write units as DynamoDB Local reports them (dynamoDbWriteUnits) and by the documented rule of AWS (dynamoDbWriteUnitsDocumented)',
    paths,
    functions: await bundleSizes(),
  };
  writeFileSync(path.join(root, 'bench', 'counts.json'), `${JSON.stringify(counts, null, 2)}\n`);
  process.stdout.write(`written: bench/counts.json (${counts.paths.length} paths, ${counts.functions.length} functions)\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
