import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Keeps the local runtime's cache folder (node_modules/.cache/ordersaga-local) from growing with every
 * edit. Each change to the sources gives the bundles a new fingerprint and a folder of its own (about
 * 30 MB), and an old fingerprint never comes back (it holds the files' modification times), so a
 * folder is worth keeping only while a runtime uses it: each process that uses one leaves a marker
 * file named after its process id, and a folder whose markers all name dead processes is removed the
 * next time the bundles are built. Node's compile cache beside them is emptied once it passes a size:
 * it refills on the next start, and it is only ever a shortcut.
 */

const IN_USE_PREFIX = '.in-use-';
/** The bundles of an app's sources (cached by fingerprint), and a process's own uncached ones (`<pid>-<time>`). */
const BUNDLE_FOLDER = /^bundles-[0-9a-f]+$/;
const OWN_FOLDER = /^(\d+)-\d+$/;
export const COMPILE_CACHE_FOLDER = 'compile-cache';
const DEFAULT_MAX_COMPILE_CACHE_BYTES = 256 * 1024 * 1024;

/** Runtimes of this process that use each folder: the marker goes when the last one is done. */
const usersInThisProcess = new Map<string, number>();

/** The file that says this process uses `dir`. */
export function inUseMarker(dir: string): string {
  return path.join(dir, `${IN_USE_PREFIX}${process.pid}`);
}

/** Marks `dir` as used by this process until the returned function is called (as often as runtimes use it). */
export function markInUse(dir: string): () => void {
  const users = usersInThisProcess.get(dir) ?? 0;
  const marker = inUseMarker(dir);
  if (users === 0) writeFileSync(marker, '');
  usersInThisProcess.set(dir, users + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (usersInThisProcess.get(dir) ?? 1) - 1;
    if (left > 0) {
      usersInThisProcess.set(dir, left);
      return;
    }
    usersInThisProcess.delete(dir);
    rmSync(marker, { force: true });
  };
}

export interface PruneOptions {
  /** The folder just built: never removed. */
  keep: string;
  /** Whether a process id names a live process (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
  /** The compile cache is emptied past this many bytes (default 256 MiB). */
  maxCompileCacheBytes?: number;
}

/** Removes the bundle folders no live process uses, and an oversized compile cache; returns the paths removed. */
export function pruneBundleCache(cacheRoot: string, options: PruneOptions): string[] {
  const isAlive = options.isAlive ?? processIsAlive;
  const removed: string[] = [];
  for (const name of readdirSync(cacheRoot)) {
    const dir = path.join(cacheRoot, name);
    if (dir === options.keep) continue;
    const own = OWN_FOLDER.exec(name);
    const inUse = own ? isAlive(Number(own[1])) : BUNDLE_FOLDER.test(name) ? markerPids(dir).some(isAlive) : true;
    if (inUse) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  const compileCache = path.join(cacheRoot, COMPILE_CACHE_FOLDER);
  if (bytesUnder(compileCache) > (options.maxCompileCacheBytes ?? DEFAULT_MAX_COMPILE_CACHE_BYTES)) {
    rmSync(compileCache, { recursive: true, force: true });
    removed.push(compileCache);
  }
  return removed;
}

function markerPids(dir: string): number[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(IN_USE_PREFIX))
      .map((name) => Number(name.slice(IN_USE_PREFIX.length)));
  } catch {
    return [];
  }
}

function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bytesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((total, entry) => total + statSync(path.join(entry.parentPath, entry.name)).size, 0);
  } catch {
    return 0;
  }
}
