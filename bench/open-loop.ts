/**
 * `POST /orders` latency from the moment `npm start` says ready, under an open loop: orders are sent on
 * a fixed schedule (`offeredPerSecond`), not when the previous one is answered, so a slow answer does
 * not slow the load down as a closed loop would. The runtime is started as a person starts it
 * (`npm start` is `node --import tsx local/main.ts`), on free ports, and the first order goes out as soon as its
 * ready line is printed: the cold sandboxes are part of what is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { OrderClient } from './order-client';
import { percentile } from './stats';

export interface OpenLoopSettings {
  rootDir: string;
  offeredPerSecond: number;
  seconds: number;
  /** Extra arguments for node before tsx (the bench's profiler flags). */
  nodeArguments?: string[];
}

export interface OpenLoopFigures {
  offeredPerSecond: number;
  seconds: number;
  sent: number;
  /** Answers by status. */
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The slowest answer to the orders sent in each second after ready: shows how long the start-up transient lasts. */
  slowestBySecondMs: number[];
  /** How long `npm start` took to say ready. */
  readyMs: number;
  fromReady: true;
}

/** The seeded catalog's products with the most stock (local/seed-catalog.ts): 150 between them. */
const SEEDED_SKUS = ['SKU-1', 'SKU-2'];
const READY_LINE = /ready on (http:\/\/127\.0\.0\.1:\d+)/;

export async function measureOpenLoopFromReady(settings: OpenLoopSettings): Promise<OpenLoopFigures> {
  const started = Date.now();
  const child = spawn(process.execPath, [...(settings.nodeArguments ?? []), '--import', 'tsx', 'local/main.ts'], {
    cwd: settings.rootDir,
    env: { ...process.env, PORT: '0', LOCAL_AWS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await readyUrl(child);
    const readyMs = Date.now() - started;
    const { token } = (await (await fetch(`${url}/_local/token`, { method: 'POST', body: JSON.stringify({ sub: 'bench-open-loop' }) })).json()) as {
      token: string;
    };
    const client = new OrderClient(url);
    const total = Math.round(settings.offeredPerSecond * settings.seconds);
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    const slowestBySecondMs: number[] = Array.from({ length: Math.ceil(settings.seconds) }, () => 0);
    const intervalMs = 1000 / settings.offeredPerSecond;
    const t0 = performance.now();
    const sends: Promise<void>[] = [];
    for (let index = 0; index < total; index += 1) {
      const due = t0 + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(
        (async () => {
          const sent = performance.now();
          const placed = await client.placeOrder(token, `open-loop-${index}`, SEEDED_SKUS[index % SEEDED_SKUS.length]!, 'tok_visa');
          const latency = performance.now() - sent;
          latencies.push(latency);
          const second = Math.floor((sent - t0) / 1000);
          slowestBySecondMs[second] = Math.max(slowestBySecondMs[second] ?? 0, Math.round(latency));
          statuses[placed.status] = (statuses[placed.status] ?? 0) + 1;
        })(),
      );
    }
    await Promise.all(sends);
    latencies.sort((a, b) => a - b);
    return {
      offeredPerSecond: settings.offeredPerSecond,
      seconds: settings.seconds,
      sent: total,
      statuses,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      slowestBySecondMs,
      readyMs,
      fromReady: true,
    };
  } finally {
    await stop(child);
  }
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not say ready within 120 s; output:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    // The runtime's own lines are not the report: read and dropped once ready.
    child.stdout!.on('data', () => undefined);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready; output:\n${output}`));
    });
  });
}

/** SIGTERM (the runtime stops DynamoDB Local and its sandboxes), then SIGKILL if it lingers. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
