import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Runs one of this folder's browser scripts in a child process (puppeteer-core is an ES module that
 * Jest's CommonJS runtime cannot load): the request goes in as JSON, the script prints its answer as JSON.
 */
export function runBrowserScript<Answer>(script: string, request: unknown, what: string): Promise<Answer> {
  const args = [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, script), JSON.stringify(request)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the browser could not ${what}: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as Answer);
    });
  });
}
