import { existsSync } from 'node:fs';

/**
 * CI (.ci/run) installs the Debian packages only some tests need (the AWS CLI, Chromium) in the
 * background while the tests already run, and names a file it writes once that install is over. A
 * test that needs one of those tools calls this first; elsewhere (a laptop, GitHub Actions) the
 * variable is unset and it returns at once.
 */
export const TOOLS_READY_FILE_ENV = 'ORDERSAGA_TOOLS_READY_FILE';

/** Blocks until the background install is over (at most `timeoutMs`). Synchronous: a test file decides at load which of its tests can run. */
export function awaitBackgroundToolInstall(timeoutMs = 15 * 60_000): void {
  const file = process.env[TOOLS_READY_FILE_ENV];
  if (!file) return;
  const until = Date.now() + timeoutMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(file) && Date.now() < until) Atomics.wait(sleeper, 0, 0, 1000);
}
