import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm start -- --persist DIR`, stopped while a `tok_async` order waits for its webhook and started
 * again on the same folder: the waiting saga goes on where it was (the webhook the provider still
 * owed arrives, the order is confirmed), and nothing runs or is published twice — neither that
 * order's events nor the saga of an order finished before the stop.
 */

const root = path.resolve(__dirname, '../..');
/** Long enough to stop the runtime before the webhook, short enough that it comes soon after the restart. */
const WEBHOOK_DELAY_MS = 4000;

interface Execution {
  executionArn: string;
  stateMachine: string;
  status: string;
  startDate: string;
  history: { type: string }[];
}
interface CarriedEvent {
  id: string;
  'detail-type': string;
  detail: unknown;
}

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

class Runtime {
  private output = '';
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(persistDir: string): Promise<Runtime> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--persist', persistDir], {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOCAL_AWS_PORT: '0', LOCAL_PAYMENT_WEBHOOK_DELAY_MS: String(WEBHOOK_DELAY_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: kill -9 takes tsx, the runtime and DynamoDB Local at once, as a crash would.
      detached: true,
    });
    const runtime = new Runtime(child, `http://127.0.0.1:${port}`);
    child.stdout!.on('data', (chunk: Buffer) => (runtime.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (runtime.output += chunk.toString()));
    await runtime.until(async () => (await fetch(`${runtime.url}/_local/ready`).catch(() => undefined))?.status === 200, 'ready', 150_000);
    return runtime;
  }

  async stop(signal: 'SIGINT' | 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (signal === 'SIGKILL') process.kill(-this.child.pid!, 'SIGKILL');
    else this.child.kill('SIGINT');
    await exited;
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }

  async until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`not ${what} in time; output:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async token(sub: string, groups?: string[]): Promise<string> {
    const response = await fetch(`${this.url}/_local/token`, { method: 'POST', body: JSON.stringify({ sub, groups }) });
    return ((await response.json()) as { token: string }).token;
  }

  async call(method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async orderStatus(token: string, orderId: string): Promise<string> {
    return (await this.call('GET', `/api/v1/orders/${orderId}`, token)).body?.status;
  }

  async executions(orderId: string): Promise<Execution[]> {
    const response = await fetch(`${this.url}/_local/executions/${orderId}`);
    return response.ok ? ((await response.json()) as Execution[]) : [];
  }

  /** The events the bus carried in this run that are about `orderId`. */
  async eventsOf(orderId: string): Promise<CarriedEvent[]> {
    const events = (await (await fetch(`${this.url}/_local/events`)).json()) as CarriedEvent[];
    return events.filter((event) => JSON.stringify(event.detail).includes(orderId));
  }
}

const orderBody = (sku: string, paymentToken: string) => ({
  items: [{ sku, quantity: 1 }],
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { method: 'card', token: paymentToken },
});

describe.each(['SIGINT', 'SIGKILL'] as const)('npm start --persist, stopped with %s while a saga waits for its webhook', (signal) => {
  let dir: string;
  let runtime: Runtime | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ordersaga-persist-'));
  });

  afterAll(async () => {
    await runtime?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes on where it was after the restart: the webhook confirms the order, nothing is re-run or re-published', async () => {
    const first = await Runtime.start(dir);
    runtime = first;
    const customer = await first.token(`persist-${signal}`);
    // An order finished before the stop: its saga must not run again after the restart.
    const earlier = await first.call('POST', '/api/v1/orders', customer, orderBody('SKU-1', 'tok_visa'), { 'idempotency-key': `earlier-${signal}` });
    expect(earlier.status).toBe(201);
    const earlierId = earlier.body.id as string;
    await first.until(async () => (await first.orderStatus(customer, earlierId)) === 'confirmed', 'the earlier order confirmed');
    await first.until(async () => (await first.executions(earlierId)).every((execution) => execution.status !== 'RUNNING'), 'its saga finished');
    const earlierExecutions = await first.executions(earlierId);
    expect(earlierExecutions.length).toBeGreaterThan(0);

    const waiting = await first.call('POST', '/api/v1/orders', customer, orderBody('SKU-1', 'tok_async'), { 'idempotency-key': `waiting-${signal}` });
    expect(waiting.status).toBe(201);
    const orderId = waiting.body.id as string;
    // Parked on its task token: the provider will send the webhook WEBHOOK_DELAY_MS after authorizing.
    await first.until(
      async () =>
        (await first.executions(orderId)).some(
          (execution) => execution.status === 'RUNNING' && execution.history.some((event) => event.type === 'TaskSubmitted'),
        ),
      'the payment authorization waiting on its token',
    );
    await first.until(async () => (await first.eventsOf(earlierId)).length > 0, 'the earlier order published');
    const earlierEvents = await first.eventsOf(earlierId);
    const eventsBefore = await first.eventsOf(orderId);
    expect(await first.orderStatus(customer, orderId)).toBe('pending');
    await first.stop(signal);

    const second = await Runtime.start(dir);
    runtime = second;
    const customerAgain = await second.token(`persist-${signal}`);
    await second.until(async () => (await second.orderStatus(customerAgain, orderId)) === 'confirmed', 'the waiting order confirmed by its webhook', 60_000);
    await second.until(async () => (await second.executions(orderId)).every((execution) => execution.status === 'SUCCEEDED'), "the order's sagas finished");

    await second.until(async () => (await second.eventsOf(orderId)).some((event) => event['detail-type'] === 'order.confirmed'), 'order.confirmed published');
    // Each event of the waiting order was published once across both runs.
    const eventsAfter = await second.eventsOf(orderId);
    const all = [...eventsBefore, ...eventsAfter].map((event) => event['detail-type']);
    expect(all).toEqual([...new Set(all)]);
    // The earlier order: nothing published again, its saga known but not run again.
    expect(await second.eventsOf(earlierId)).toEqual([]);
    expect(earlierEvents.length).toBeGreaterThan(0);
    const earlierAfter = await second.executions(earlierId);
    expect(earlierAfter.map((execution) => [execution.executionArn, execution.status, execution.startDate, execution.history.length])).toEqual(
      earlierExecutions.map((execution) => [execution.executionArn, execution.status, execution.startDate, execution.history.length]),
    );
    await second.stop('SIGINT');
  }, 420_000);
});
