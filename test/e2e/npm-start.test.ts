import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Pids of every descendant of a process (the tsx wrapper, node, the JVM). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid !== parent) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`)));
  });
}

describe('npm start (the local runtime as a user runs it)', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    // `npm start` is `node --import tsx local/main.ts`; PORT=0 takes a free port so the test never collides.
    child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const match = await waitForOutput(child, /ready on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    url = match[1]!;
  }, 70_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('answers the health check', async () => {
    const response = await fetch(`${url}/api/v1/health`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: 'ok' });
  });

  it('issues a token the authorizer accepts, and rejects requests without one', async () => {
    const { token } = (await (await fetch(`${url}/_local/token`, { method: 'POST', body: JSON.stringify({ sub: 'alice' }) })).json()) as { token: string };
    const withToken = await fetch(`${url}/api/v1/products/SKU-1`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    await expect(withToken.json()).resolves.toMatchObject({ sku: 'SKU-1', currency: 'EUR' });
    const without = await fetch(`${url}/api/v1/products/SKU-1`);
    expect(without.status).toBe(401);
    expect(without.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves the docs page', async () => {
    const response = await fetch(`${url}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/api/v1/health');
  });

  it('stops on Ctrl-C with exit code 0 and leaves no process behind (DynamoDB Local included)', async () => {
    const processes = descendants(child.pid!);
    expect(processes.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    await expect(exited).resolves.toBe(0);
    // The JVM gets a moment to die after its parent.
    for (let i = 0; i < 50 && processes.some(alive); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(processes.filter(alive)).toEqual([]);
  }, 20_000);
});
