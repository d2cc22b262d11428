/**
 * `npm run bench:functions`: only the bench's section b — each function's bundle size and module init
 * beside its bare floor, with the largest contributors per bundle — in about a minute, for work on cold
 * starts. `npm run bench` measures the same as part of the whole run and records it in bench/results.json.
 */
import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { functionGoals } from './goals';
import { measureFunctionColdStarts } from './function-cold-start';
import { functionsSection } from './report';

async function main(): Promise<void> {
  const rows = await measureFunctionColdStarts(path.resolve(__dirname, '..'), appWiring);
  process.stdout.write(`${functionsSection(rows)}\n\n`);
  for (const goal of functionGoals(rows)) process.stdout.write(`${goal.met ? '✓' : '✗'} ${goal.goal}: ${goal.figure}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
