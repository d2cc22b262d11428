/**
 * `npm run bench:markdown`: the tables of docs/performance.md that are rendered from a run, printed as
 * Markdown from bench/results.json (written by `npm run bench`), so the page is updated by pasting, not
 * by hand. Section b's function table for now.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BenchResults, functionsMarkdownTable } from './report';

const resultsFile = path.resolve(__dirname, 'results.json');
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
process.stdout.write(`b) functions, run of ${results.date}:\n\n${functionsMarkdownTable(results.functions)}\n`);
