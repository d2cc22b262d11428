import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The wrong Node fails clearly: package.json's devEngines (npm ≥ 10.9 stops on it) and
 * scripts/check-node.cjs, the first step of `npm start`, `npm test` and `npm run bench`, run here under
 * a faked Node version (a preload that rewrites process.versions before the script reads it).
 */
const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/check-node.cjs');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string; onFail: string } };
  scripts: Record<string, string>;
};

describe('the Node version check', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'check-node-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the check as if on Node `version`. */
  const runAs = (version: string, env: Record<string, string> = {}) => {
    const preload = path.join(dir, `node-${version}.cjs`);
    writeFileSync(preload, `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });\n`);
    const { npm_lifecycle_event: _inherited, ...parentEnv } = process.env;
    return spawnSync(process.execPath, ['--require', preload, script], { encoding: 'utf8', env: { ...parentEnv, ...env } });
  };

  test('on Node 20 it stops with the Node it found, the one it needs and how to get it', () => {
    const result = runAs('20.11.1');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ordersaga needs Node.js 22 or newer');
    expect(result.stderr).toContain('this is Node.js v20.11.1');
    expect(result.stderr).toContain('nvm install');
    expect(result.stderr).toContain('fnm use');
    expect(result.stderr).toContain('npx -y -p node@24 -- npm start');
  });

  test('the hint repeats the npm command that ran it', () => {
    expect(runAs('18.20.0', { npm_lifecycle_event: 'bench' }).stderr).toContain('-- npm run bench');
    expect(runAs('18.20.0', { npm_lifecycle_event: 'test' }).stderr).toContain('-- npm test');
  });

  test.each(['22.0.0', '24.21.0', '25.1.0'])('on Node %s it lets the command run, silently', (version) => {
    const result = runAs(version);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  test('package.json declares the runtime as npm reads it, and every command that runs code checks first', () => {
    expect(packageJson.devEngines.runtime).toEqual({ name: 'node', version: packageJson.engines.node, onFail: 'error' });
    for (const command of ['start', 'test', 'bench']) expect(packageJson.scripts[command]).toMatch(/^node scripts\/check-node\.cjs && /);
  });
});
