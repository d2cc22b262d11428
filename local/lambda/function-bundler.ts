import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { functionBundling } from '#contracts/function-bundling';
import type { FunctionSpec } from '#contracts/wiring';

export interface FunctionBundles {
  /** Where the bundles were written; remove it with `dispose()` when done. */
  outDir: string;
  dispose(): void;
  /** Absolute path of the bundled worker bootstrap. */
  workerPath: string;
  /** Function id → absolute path of its bundle. */
  bundles: Map<string, string>;
}

/** esbuild settings of every function bundle: the stack's NodejsFunction settings (contracts/function-bundling.ts). */
export const functionBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: `node${functionBundling.nodeMajor}`,
  format: functionBundling.format,
  minify: functionBundling.minify,
  sourcemap: functionBundling.sourceMap,
  sourcesContent: functionBundling.sourcesContent,
  mainFields: functionBundling.mainFields,
  external: functionBundling.externalModules,
  loader: functionBundling.loader,
  logLevel: 'error',
};

/**
 * Bundles every function entry (and the worker bootstrap) with esbuild and the same settings the
 * stack's NodejsFunction uses, so the local runtime runs what Lambda would run.
 * The output lives under node_modules/.cache so that externals resolve from the project.
 */
export async function bundleFunctions(rootDir: string, functions: FunctionSpec[]): Promise<FunctionBundles> {
  const outDir = path.join(rootDir, 'node_modules', '.cache', 'ordersaga-local', String(process.pid));
  mkdirSync(outDir, { recursive: true });
  const entryPoints: Record<string, string> = { __worker: path.join(__dirname, 'function-worker.ts') };
  for (const fn of functions) entryPoints[fn.id] = path.resolve(rootDir, fn.entry);
  await build({ ...functionBuildOptions, entryPoints, outdir: outDir });
  const bundles = new Map(functions.map((fn) => [fn.id, path.join(outDir, `${fn.id}.js`)]));
  return {
    outDir,
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
    workerPath: path.join(outDir, '__worker.js'),
    bundles,
  };
}
