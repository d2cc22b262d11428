import path from 'node:path';
import { LambdaMeter } from '#bench/lambda-meter';
import type { FunctionSpec } from '#contracts/wiring';
import { bundleFunctions } from '#local/lambda/function-bundler';
import { FunctionHost, functionInvocations } from '#local/lambda/function-host';

const root = path.resolve(__dirname, '../../..');

describe('Lambda meter (bench/lambda-meter.ts)', () => {
  it('sums invocations, duration and GB-seconds per function from the channel', () => {
    const meter = new LambdaMeter();
    try {
      functionInvocations.publish({ functionId: 'a', memorySize: 512, durationMs: 99.2, ok: true });
      functionInvocations.publish({ functionId: 'a', memorySize: 512, durationMs: 10, ok: false });
      functionInvocations.publish({ functionId: 'b', memorySize: 1024, durationMs: 1000, ok: true });
      expect(meter.snapshot()).toEqual({
        a: { invocations: 2, durationMs: 109.2, gbSeconds: expect.closeTo(0.5 * 0.11, 10) },
        b: { invocations: 1, durationMs: 1000, gbSeconds: expect.closeTo(1, 10) },
      });
      meter.reset();
      expect(meter.snapshot()).toEqual({});
    } finally {
      meter.close();
    }
    functionInvocations.publish({ functionId: 'a', memorySize: 512, durationMs: 1, ok: true });
  });

  it('hears every invocation a FunctionHost finishes', async () => {
    const spec: FunctionSpec = {
      id: 'echo',
      context: 'platform',
      description: 'echo',
      entry: 'test/fixtures/lambda-host/echo.ts',
      handler: 'handler',
      memorySize: 256,
      timeoutSeconds: 5,
      access: {},
    };
    const bundles = await bundleFunctions(root, [spec]);
    const host = new FunctionHost({ workerPath: bundles.workerPath, functions: [{ spec, bundlePath: bundles.bundles.get('echo')!, environment: {} }] });
    const meter = new LambdaMeter();
    try {
      await host.invoke('echo', { n: 1 });
      await host.invoke('echo', { n: 2 });
      expect(meter.snapshot().echo).toMatchObject({ invocations: 2 });
      expect(meter.snapshot().echo!.gbSeconds).toBeGreaterThan(0);
    } finally {
      meter.close();
      await host.close();
      bundles.dispose();
    }
  });
});
