import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunctions } from '#local/lambda/function-bundler';
import { FunctionHost, sandboxExecArgv } from '#local/lambda/function-host';
import type { FunctionInvocationSummary } from '#local/lambda/function-logs';
import type { FunctionSpec } from '#contracts/wiring';

const root = path.resolve(__dirname, '../../../..');
const spec = (id: string, handler = 'handler', timeoutSeconds = 2): FunctionSpec => ({
  id,
  context: 'platform',
  description: id,
  entry: 'test/fixtures/lambda-host/echo.ts',
  handler,
  memorySize: 256,
  timeoutSeconds,
  access: {},
});

describe('function host (worker sandboxes)', () => {
  let host: FunctionHost;
  let dispose: () => void;
  let compileCacheDir: string;
  let built: Awaited<ReturnType<typeof bundleFunctions>>;
  const invocations: FunctionInvocationSummary[] = [];

  beforeAll(async () => {
    const specs = [spec('first'), spec('second'), spec('callback', 'callbackHandler'), spec('quick', 'handler', 1), spec('missing', 'nope'), spec('burst')];
    built = await bundleFunctions(root, specs);
    const { workerPath, bundles, dispose: removeBundles } = built;
    dispose = removeBundles;
    compileCacheDir = mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    host = new FunctionHost({
      workerPath,
      maxConcurrencyPerFunction: 2,
      compileCacheDir,
      logs: { line: () => undefined, invocation: (summary) => invocations.push(summary) },
      functions: specs.map((s) => ({ spec: s, bundlePath: bundles.get(s.id)!, environment: { GREETING: `hello from ${s.id}` } })),
    });
  });

  afterAll(async () => {
    await host.close();
    dispose();
    rmSync(compileCacheDir, { recursive: true, force: true });
  });

  it('gives each function its own environment, context and module state', async () => {
    const first = await host.invoke('first', {});
    const second = await host.invoke('second', {});
    expect(first).toMatchObject({ ok: true, payload: { functionName: 'first', envFunctionName: 'first', greeting: 'hello from first', invocations: 1 } });
    expect(second).toMatchObject({ ok: true, payload: { functionName: 'second', greeting: 'hello from second', invocations: 1 } });
    const again = await host.invoke('first', {});
    expect(again).toMatchObject({ ok: true, payload: { invocations: 2 } });
  });

  it('serialises the result as JSON, as Lambda does', async () => {
    const result = await host.invoke('first', {});
    expect(result.ok && (result.payload as { when: unknown }).when).toBe('1970-01-01T00:00:00.000Z');
    expect(result.ok && (result.payload as { remainingMs: number }).remainingMs).toBeGreaterThan(1000);
  });

  it('reports a thrown error with its name, as Lambda reports errorType', async () => {
    await expect(host.invoke('first', { fail: 'no stock' })).resolves.toMatchObject({
      ok: false,
      error: { errorType: 'OutOfStock', errorMessage: 'no stock' },
    });
  });

  it('supports callback-style handlers', async () => {
    await expect(host.invoke('callback', {})).resolves.toMatchObject({ ok: true, payload: { style: 'callback' } });
  });

  it('times out an invocation and discards its sandbox', async () => {
    await expect(host.invoke('quick', { sleepMs: 3000 })).resolves.toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
    const fresh = await host.invoke('quick', {});
    expect(fresh).toMatchObject({ ok: true, payload: { invocations: 1 } });
  });

  it('runs at most the configured concurrency per function and queues the rest', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => host.invoke('second', { sleepMs: 100 })));
    expect(results.every((r) => r.ok)).toBe(true);
    const counts = results.map((r) => (r.ok ? (r.payload as { invocations: number }).invocations : 0));
    // Two sandboxes took two invocations each (plus the first test's one).
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(2);
  });

  it('scales a burst on a cold function out to more sandboxes, as Lambda does, within its limit', async () => {
    const summaries: FunctionInvocationSummary[] = [];
    const roomy = new FunctionHost({
      workerPath: built.workerPath,
      maxConcurrencyPerFunction: 4,
      logs: { line: () => undefined, invocation: (summary) => summaries.push(summary) },
      functions: [{ spec: spec('burst'), bundlePath: built.bundles.get('burst')!, environment: {} }],
    });
    try {
      // Each invocation holds its sandbox for a second, longer than the others take to start.
      const results = await Promise.all([1, 2, 3, 4].map(() => roomy.invoke('burst', { sleepMs: 1000 })));
      expect(results.every((r) => r.ok)).toBe(true);
      // Four concurrent invocations, room for four sandboxes: they do not all wait for one.
      expect(summaries.filter((summary) => summary.coldStart).length).toBeGreaterThan(1);
    } finally {
      await roomy.close();
    }
  });

  it('loads as many sandboxes at once as it has start slots: with one, no two module inits overlap', async () => {
    // Each sandbox's module init keeps a core busy for 200 ms; four functions are invoked at once, each cold.
    const ids = ['slot-a', 'slot-b', 'slot-c', 'slot-d'];
    const initPeriods = async (maxStartingSandboxes: number) => {
      const slotted = new FunctionHost({
        workerPath: built.workerPath,
        maxStartingSandboxes,
        logs: { line: () => undefined, invocation: () => undefined },
        functions: ids.map((id) => ({ spec: { ...spec('first'), id }, bundlePath: built.bundles.get('first')!, environment: { INIT_BUSY_MS: '200' } })),
      });
      try {
        const results = await Promise.all(ids.map((id) => slotted.invoke(id, {})));
        return results.map((result) => (result.ok ? (result.payload as { init: { startedAt: number; endedAt: number } }).init : undefined));
      } finally {
        await slotted.close();
      }
    };
    const overlapping = (periods: ({ startedAt: number; endedAt: number } | undefined)[]) => {
      const sorted = periods.map((period) => period!).sort((a, b) => a.startedAt - b.startedAt);
      return sorted.slice(1).filter((period, index) => period.startedAt < sorted[index]!.endedAt).length;
    };
    // One start slot: every invocation got its sandbox, and no two inits ran at once.
    const oneAtATime = await initPeriods(1);
    expect(oneAtATime.every(Boolean)).toBe(true);
    expect(overlapping(oneAtATime)).toBe(0);
    // Four slots: the four start together.
    expect(overlapping(await initPeriods(4))).toBeGreaterThan(0);
  });

  it("gives the start slots to functions in turn: a burst on one does not hold back another's first sandbox", async () => {
    const turns = new FunctionHost({
      workerPath: built.workerPath,
      maxStartingSandboxes: 1,
      logs: { line: () => undefined, invocation: () => undefined },
      functions: ['burst-a', 'single-b'].map((id) => ({
        spec: { ...spec('first'), id },
        bundlePath: built.bundles.get('first')!,
        environment: { INIT_BUSY_MS: '100' },
      })),
    });
    type Init = { init: { startedAt: number } };
    try {
      // Three of A at once, each holding its sandbox far longer than the starts take (within the 2 s timeout), so A needs three
      // sandboxes; then one of B.
      const burst = [1, 2, 3].map(() => turns.invoke('burst-a', { sleepMs: 1500 }));
      const single = turns.invoke('single-b', {});
      const results = await Promise.all([...burst, single]);
      const [a1, a2, a3, b] = results.map((result) => (result.ok ? (result.payload as Init).init.startedAt : Number.NaN));
      // A's sandboxes started one after another; B's started before A's third.
      expect(new Set([a1, a2, a3]).size).toBe(3);
      expect(b).toBeLessThan(Math.max(a1!, a2!, a3!));
    } finally {
      await turns.close();
    }
  });

  it('starts a sandbox ahead of need: the first invocation finds it loaded and is not a cold start', async () => {
    const summaries: FunctionInvocationSummary[] = [];
    const provisioned = new FunctionHost({
      workerPath: built.workerPath,
      logs: { line: () => undefined, invocation: (summary) => summaries.push(summary) },
      functions: [{ spec: spec('first'), bundlePath: built.bundles.get('first')!, environment: {} }],
    });
    try {
      await provisioned.prestart(['first', 'unknown']);
      await expect(provisioned.invoke('first', {})).resolves.toMatchObject({ ok: true, payload: { invocations: 1 } });
      expect(summaries.map((summary) => summary.coldStart)).toEqual([false]);
    } finally {
      await provisioned.close();
    }
  });

  it("runs a background function's sandbox at its nice value, and the others at the process's (Linux: per thread)", async () => {
    const prioritised = new FunctionHost({
      workerPath: built.workerPath,
      logs: { line: () => undefined, invocation: () => undefined },
      functions: [
        { spec: { ...spec('first'), id: 'background' }, bundlePath: built.bundles.get('first')!, environment: {}, niceness: 10 },
        { spec: { ...spec('first'), id: 'foreground' }, bundlePath: built.bundles.get('first')!, environment: {} },
      ],
    });
    try {
      const background = await prioritised.invoke('background', {});
      const foreground = await prioritised.invoke('foreground', {});
      const processNiceness = os.getPriority();
      // Elsewhere there is no per-thread nice value to read (the fixture reports none) nor to set.
      const onLinux = process.platform === 'linux';
      expect(background).toMatchObject({ ok: true, payload: { niceness: onLinux ? Math.max(10, processNiceness) : undefined } });
      expect(foreground).toMatchObject({ ok: true, payload: { niceness: onLinux ? processNiceness : undefined } });
    } finally {
      await prioritised.close();
    }
  });

  it("keeps the bundles' compiled code in the compile cache for the next sandbox", async () => {
    await host.invoke('first', {});
    expect(readdirSync(compileCacheDir, { recursive: true }).length).toBeGreaterThan(0);
  });

  it('runs the sandboxes without the preloads of this process (a TypeScript loader), with its other Node options', () => {
    expect(
      sandboxExecArgv([
        '--require',
        '/x/preflight.cjs',
        '--import',
        'file:///x/loader.mjs',
        '--cpu-prof',
        '--import=tsx',
        '-r',
        'y',
        '--max-old-space-size=512',
      ]),
    ).toEqual(['--cpu-prof', '--max-old-space-size=512']);
  });

  it('fails with Runtime.ImportModuleError when the handler export does not exist', async () => {
    await expect(host.invoke('missing', {})).resolves.toMatchObject({ ok: false, error: { errorType: 'Runtime.ImportModuleError' } });
  });

  it('answers ResourceNotFoundException for an unknown function', async () => {
    await expect(host.invoke('ghost', {})).resolves.toMatchObject({ ok: false, error: { errorType: 'ResourceNotFoundException' } });
  });
});
