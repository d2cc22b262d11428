import { build, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { functionBundling } from '#contracts/function-bundling';
import type { FunctionSpec } from '#contracts/wiring';
import { COMPILE_CACHE_FOLDER, inUseMarker, markInUse, pruneBundleCache } from './bundle-cache-pruning';

export interface FunctionBundles {
  /** Where the bundles are; call `dispose()` when done (removes them, or marks cached ones as no longer used by this runtime). */
  outDir: string;
  dispose(): void;
  /** Absolute path of the bundled worker bootstrap. */
  workerPath: string;
  /** Node's module compile cache for the sandboxes, kept beside the bundles (keyed by each file's content). */
  compileCacheDir: string;
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
  supported: functionBundling.supported,
  logLevel: 'error',
};

/**
 * Bundles every function entry (and the worker bootstrap) with esbuild and the same settings the
 * stack's NodejsFunction uses, so the local runtime runs what Lambda would run.
 * The output lives under node_modules/.cache so that externals resolve from the project. The app's
 * bundles are kept there by a fingerprint of what goes into them (sources, lock file, settings): a
 * runtime started again on unchanged sources (the test suites start dozens) reuses them, and the
 * bundles of earlier sources are removed once no live runtime uses them (bundle-cache-pruning.ts).
 */
export async function bundleFunctions(rootDir: string, functions: FunctionSpec[]): Promise<FunctionBundles> {
  const cacheRoot = path.join(rootDir, 'node_modules', '.cache', 'ordersaga-local');
  const entryPoints: Record<string, string> = { __worker: path.join(__dirname, 'function-worker.ts') };
  for (const fn of functions) entryPoints[fn.id] = path.resolve(rootDir, fn.entry);
  const fingerprint = sourcesFingerprint(rootDir, entryPoints);
  const cached = fingerprint ? path.join(cacheRoot, `bundles-${fingerprint}`) : undefined;
  const reused = cached ? useCached(cached, functions) : undefined;
  if (reused) return reused;

  const outDir = path.join(cacheRoot, `${process.pid}-${Date.now()}`);
  mkdirSync(outDir, { recursive: true });
  await build({ ...functionBuildOptions, entryPoints, outdir: outDir });
  copyAssets(rootDir, functions, outDir);
  const removeOwn = () => rmSync(outDir, { recursive: true, force: true });
  if (!cached) return bundlesIn(outDir, functions, removeOwn);
  writeFileSync(path.join(outDir, COMPLETE), '');
  // Marked before it is renamed into place, so that no pruner ever sees it unmarked.
  writeFileSync(inUseMarker(outDir), '');
  try {
    // Atomic: another process that bundled the same sources at the same time keeps its own copy.
    renameSync(outDir, cached);
  } catch {
    return bundlesIn(outDir, functions, removeOwn);
  }
  const bundles = bundlesIn(cached, functions, markInUse(cached));
  try {
    // The sources changed: the bundles of their earlier versions go, unless a live runtime still uses them.
    pruneBundleCache(cacheRoot, { keep: cached });
  } catch {
    // a cache left as it was is only disk space
  }
  return bundles;
}

/** The cached bundles of these sources, marked as used by this process; undefined when there are none (yet, or any more). */
function useCached(cached: string, functions: FunctionSpec[]): FunctionBundles | undefined {
  if (!existsSync(path.join(cached, COMPLETE))) return undefined;
  try {
    return bundlesIn(cached, functions, markInUse(cached));
  } catch {
    return undefined; // pruned meanwhile by a runtime started on newer sources
  }
}

const COMPLETE = '.complete';

/** Each function's static files (FunctionSpec.assets) beside the bundles, as the stack packages them. */
function copyAssets(rootDir: string, functions: FunctionSpec[], outDir: string): void {
  for (const fn of functions) {
    for (const [name, source] of Object.entries(fn.assets ?? {})) copyFileSync(path.resolve(rootDir, source), path.join(outDir, name));
  }
}

function bundlesIn(outDir: string, functions: FunctionSpec[], dispose: () => void): FunctionBundles {
  return {
    outDir,
    dispose,
    workerPath: path.join(outDir, '__worker.js'),
    compileCacheDir: path.join(path.dirname(outDir), COMPILE_CACHE_FOLDER),
    bundles: new Map(functions.map((fn) => [fn.id, path.join(outDir, `${fn.id}.js`)])),
  };
}

/** Where the app's bundles take their code from (besides node_modules, which the lock file stands for). */
const SOURCE_DIRS = ['functions', 'contracts', 'templates', 'local/lambda'];

/**
 * A fingerprint of the bundles' inputs: every file's path, size and modification time under the
 * source folders, the lock file, the esbuild settings and version, and the entries. Undefined (no
 * caching) when an entry lies outside those folders (the tests' fixture functions).
 */
function sourcesFingerprint(rootDir: string, entryPoints: Record<string, string>): string | undefined {
  const roots = SOURCE_DIRS.map((dir) => path.join(rootDir, dir));
  if (!Object.values(entryPoints).every((entry) => roots.some((root) => entry.startsWith(root + path.sep)))) return undefined;
  const hash = createHash('sha256').update(JSON.stringify({ functionBuildOptions, esbuildVersion, entryPoints }));
  const lockFile = path.join(rootDir, 'package-lock.json');
  const files = [...roots.flatMap(filesUnder), ...(existsSync(lockFile) ? [lockFile] : [])].sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 24);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
