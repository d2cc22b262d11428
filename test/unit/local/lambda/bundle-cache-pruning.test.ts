import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { markInUse, pruneBundleCache } from '#local/lambda/bundle-cache-pruning';
import { bundleFunctions } from '#local/lambda/function-bundler';

const ROOT = path.resolve(__dirname, '../../../..');
const LIVE = 4242;
const DEAD = 4343;
const isAlive = (pid: number) => pid === LIVE;

describe("the local runtime's bundle cache", () => {
  let cacheRoot: string;
  beforeEach(() => {
    cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'ordersaga-bundle-cache-'));
  });
  afterEach(() => rmSync(cacheRoot, { recursive: true, force: true }));

  function folder(name: string, files: Record<string, number> = {}): string {
    const dir = path.join(cacheRoot, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), Buffer.alloc(bytes));
    return dir;
  }

  it('removes the bundles of earlier sources that no live process uses, and keeps the rest', () => {
    const current = folder('bundles-c0ffee', { '.complete': 0 });
    folder('bundles-aaaa', { '.complete': 0, [`.in-use-${LIVE}`]: 0 });
    folder('bundles-bbbb', { '.complete': 0, [`.in-use-${DEAD}`]: 0 });
    folder('bundles-cccc', { '.complete': 0 });
    folder(`${LIVE}-1700000000000`);
    folder(`${DEAD}-1700000000000`);
    folder('something-else');

    const removed = pruneBundleCache(cacheRoot, { keep: current, isAlive });

    expect(removed.map((dir) => path.basename(dir)).sort()).toEqual(['4343-1700000000000', 'bundles-bbbb', 'bundles-cccc']);
    expect(readdirSync(cacheRoot).sort()).toEqual(['4242-1700000000000', 'bundles-aaaa', 'bundles-c0ffee', 'something-else']);
  });

  it('empties the compile cache once it passes its size, and leaves a smaller one alone', () => {
    const current = folder('bundles-c0ffee');
    folder('compile-cache/v24', { a: 600, b: 500 });
    expect(pruneBundleCache(cacheRoot, { keep: current, isAlive, maxCompileCacheBytes: 2000 })).toEqual([]);
    expect(pruneBundleCache(cacheRoot, { keep: current, isAlive, maxCompileCacheBytes: 1000 })).toEqual([path.join(cacheRoot, 'compile-cache')]);
    expect(existsSync(path.join(cacheRoot, 'compile-cache'))).toBe(false);
  });

  it("keeps a folder marked in use until the last of this process's runtimes is done with it", () => {
    const dir = folder('bundles-dddd');
    const marker = path.join(dir, `.in-use-${process.pid}`);
    const first = markInUse(dir);
    const second = markInUse(dir);
    expect(existsSync(marker)).toBe(true);
    first();
    first(); // a second call changes nothing
    expect(existsSync(marker)).toBe(true);
    expect(pruneBundleCache(cacheRoot, { keep: path.join(cacheRoot, 'none') })).toEqual([]);
    second();
    expect(existsSync(marker)).toBe(false);
    expect(pruneBundleCache(cacheRoot, { keep: path.join(cacheRoot, 'none') })).toEqual([dir]);
  });

  it('marks the bundles a runtime uses, and unmarks them when it is disposed of', async () => {
    const bundles = await bundleFunctions(ROOT, appWiring.functions);
    const marker = path.join(bundles.outDir, `.in-use-${process.pid}`);
    try {
      expect(existsSync(marker)).toBe(true);
    } finally {
      bundles.dispose();
    }
    expect(existsSync(marker)).toBe(false);
  }, 120_000);
});
