import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Folders a test file makes under the OS's temp folder, removed once its tests have run
 * (test/support/remove-scratch-dirs.ts, a Jest setup file). A CDK App with no `outdir` makes a
 * `cdk.out…` folder (about 1.7 MB for this stack) and never removes it: one test run left over a hundred.
 */
const made: string[] = [];

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
