import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * GET /_local/ready: a script that starts `npm start` and waits for it must never race the catalog
 * seeding, which runs through the API after the front door listens (so /api/v1/health answers first).
 */
describe('npm start: readiness', () => {
  let child: ChildProcess;
  let output = '';
  let readyUrl = '';
  let customerToken = '';

  afterAll(() => {
    // The whole group: tsx runs the runtime in a child node, which runs DynamoDB Local.
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  });

  it('answers /_local/ready with 200 only once the catalog is seeded, and 503 problem+json before', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOCAL_AWS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // As a start-up script would: ask as soon as anything listens, until ready.
    const early: { status: number; contentType: string | null; retryAfter: string | null }[] = [];
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never ready; output:\n${output}`);
      const answer = await fetch(`${url}/_local/ready`).catch(() => undefined);
      if (answer?.status === 200) {
        await expect(answer.json()).resolves.toEqual({ status: 'ready' });
        break;
      }
      if (answer) {
        await answer.arrayBuffer();
        early.push({ status: answer.status, contentType: answer.headers.get('content-type'), retryAfter: answer.headers.get('retry-after') });
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // Ready means seeded: the first product of the seed is there, at once.
    const { token } = (await (await fetch(`${url}/_local/token`, { method: 'POST', body: JSON.stringify({ sub: 'alice' }) })).json()) as { token: string };
    const product = await fetch(`${url}/api/v1/products/SKU-1`, { headers: { authorization: `Bearer ${token}` } });
    expect(product.status).toBe(200);
    for (const answer of early) expect(answer).toEqual({ status: 503, contentType: 'application/problem+json', retryAfter: '1' });
    // The front door listens well before the seeding's first cold start is over.
    expect(early.length).toBeGreaterThan(0);
    readyUrl = url;
    customerToken = ((await (await fetch(`${url}/_local/token`, { method: 'POST', body: JSON.stringify({ sub: 'bob' }) })).json()) as { token: string }).token;
  }, 150_000);

  it("meets no cold start once ready: an order's whole flow runs on sandboxes loaded before ready", async () => {
    const readyAt = output.indexOf('ready on http');
    expect(readyUrl && readyAt >= 0).toBeTruthy();
    const headers = { authorization: `Bearer ${customerToken}`, 'content-type': 'application/json' };
    const placed = await fetch(`${readyUrl}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': 'readiness-first-order' },
      body: JSON.stringify({
        items: [{ sku: 'SKU-1', quantity: 1 }],
        shippingAddress: { name: 'Bob', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
        payment: { method: 'card', token: 'tok_visa' },
      }),
    });
    expect(placed.status).toBe(201);
    const { id } = (await placed.json()) as { id: string };
    const deadline = Date.now() + 60_000;
    let status = '';
    while (status !== 'confirmed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = ((await (await fetch(`${readyUrl}/api/v1/orders/${id}`, { headers })).json()) as { status: string }).status;
    }
    expect(status).toBe('confirmed');
    // The confirmation's subscribers (the outbox relay, the notification) run after the saga ends.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Readable log lines: `hh:mm:ss.mmm ▶ <function> <n> ms [cold] ok|error …`, one per invocation. Each function's first
    // invocation after ready runs on its prestarted sandbox (a second one at the same moment may start another).
    const firstAfterReady = new Map<string, string>();
    for (const match of output.slice(readyAt).matchAll(/▶ (\S+) \d+ ms (cold )?(ok|error)/g)) {
      if (!firstAfterReady.has(match[1]!)) firstAfterReady.set(match[1]!, match[2] ? 'cold' : 'warm');
    }
    expect([...firstAfterReady.keys()]).toEqual(
      expect.arrayContaining(['createOrder', 'reserveStock', 'takePayment', 'publishDomainEvents', 'notifyCustomer']),
    );
    expect([...firstAfterReady].filter(([, start]) => start === 'cold')).toEqual([]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }, 90_000);
});
