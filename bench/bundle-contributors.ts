/**
 * What each function's bundle is made of: esbuild's metafile, bytes in the output grouped by package
 * (`node_modules/<package>`) or by the repository folder the code comes from. The bench prints, per
 * function, the largest contributors beyond its bare floor (what the handler adds to the SDK clients),
 * so that the next dependency that bloats a cold start shows by name.
 */
import { build, type Metafile } from 'esbuild';
import path from 'node:path';
import type { FunctionSpec } from '#contracts/wiring';
import { functionBuildOptions } from '#local/lambda/function-bundler';
import type { FloorBundles } from './bare-floor';

export interface Contributor {
  /** `zod`, `@smithy/core`, or a repository folder such as `functions/orders`. */
  source: string;
  kilobytes: number;
}

type Output = Metafile['outputs'][string];

/** How many contributors the bench keeps per function. */
export const TOP_CONTRIBUTORS = 6;

/** `node_modules/@scope/name/…` → `@scope/name` (the innermost package); `functions/orders/…` → `functions/orders`. */
export function sourceOf(input: string): string {
  const packages = [...input.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  if (packages.length) return packages.at(-1)![1]!;
  return input.split('/').slice(0, 2).join('/');
}

function bytesBySource(output: Output): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const source = sourceOf(input);
    bytes.set(source, (bytes.get(source) ?? 0) + bytesInOutput);
  }
  return bytes;
}

/** Bytes of one output by source, largest first; with `floor`, only what the output holds beyond the floor's bytes of each source. */
export function contributorsOf(output: Output, top = TOP_CONTRIBUTORS, floor?: Output): Contributor[] {
  const floorBytes = floor ? bytesBySource(floor) : new Map<string, number>();
  return [...bytesBySource(output)]
    .map(([source, size]) => [source, size - (floorBytes.get(source) ?? 0)] as const)
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([source, size]) => ({ source, kilobytes: size / 1024 }));
}

/** One in-memory esbuild build of the functions with their own settings: its metafile (output paths relative to `rootDir`). */
export async function bundleMetafile(rootDir: string, functions: FunctionSpec[]): Promise<Metafile> {
  const entryPoints = Object.fromEntries(functions.map((fn) => [fn.id, path.resolve(rootDir, fn.entry)]));
  const { metafile } = await build({
    ...functionBuildOptions,
    entryPoints,
    outdir: path.join(rootDir, 'cdk.out', 'bench-metafile'),
    write: false,
    metafile: true,
    // The metafile's bytes per input are the same without a source map, which only slows the build.
    sourcemap: false,
    absWorkingDir: rootDir,
  });
  return metafile;
}

/** Function id → the source files its bundle holds (paths relative to the repository). */
export function inputsByFunction(metafile: Metafile): Map<string, string[]> {
  const inputs = new Map<string, string[]>();
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint && outputPath.endsWith('.js')) inputs.set(path.basename(outputPath, '.js'), Object.keys(output.inputs));
  }
  return inputs;
}

/**
 * Function id → its top contributors, from one in-memory esbuild build with the functions' own
 * settings; beyond each function's floor when `floors` are given.
 */
export async function measureBundleContributors(
  rootDir: string,
  functions: FunctionSpec[],
  options: { top?: number; floors?: FloorBundles } = {},
): Promise<Map<string, Contributor[]>> {
  const metafile = await bundleMetafile(rootDir, functions);
  const floorOutputs = new Map(
    Object.entries(options.floors?.metafile.outputs ?? {}).map(([outputPath, output]) => [path.resolve(rootDir, outputPath), output]),
  );
  const contributors = new Map<string, Contributor[]>();
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint || !outputPath.endsWith('.js')) continue;
    const functionId = path.basename(outputPath, '.js');
    const floorPath = options.floors?.byFunction.get(functionId)?.bundlePath;
    contributors.set(functionId, contributorsOf(output, options.top, floorPath ? floorOutputs.get(floorPath) : undefined));
  }
  return contributors;
}
