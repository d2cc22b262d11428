/**
 * The least a Lambda invocation costs in the local runtime: the health function (it only answers)
 * invoked straight through the function host, with no HTTP before it and no SDK call in it. Every
 * invocation an order sets off — a saga step, a bus target, a stream batch — costs at least this.
 */
import { randomUUID } from 'node:crypto';
import { routeOf } from '#lib/wiring';
import { buildProxyEvent } from '#local/front-door/proxy-event';
import type { LocalRuntime } from '#local/runtime';
import { type CpuMs, cpuMsEach, cpuSeconds } from './process-cpu';
import { runConcurrently } from './stats';

export interface BareInvocationFigures {
  perSecond: number;
  cpuMsPerInvocation: CpuMs;
}

export async function measureBareInvocations(runtime: LocalRuntime, invocations: number, concurrency: number): Promise<BareInvocationFigures> {
  const { path } = routeOf('health');
  const invoke = async () => {
    const event = buildProxyEvent(
      { method: 'GET', path, rawQuery: '', rawHeaders: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1' },
      { resource: path, pathParameters: {}, stage: 'local', requestId: randomUUID(), requestTime: new Date() },
    );
    const result = await runtime.functions.invoke('health', event);
    if (!result.ok) throw new Error(`health: ${result.error.errorType} ${result.error.errorMessage}`);
  };
  await runConcurrently(Math.ceil(invocations / 4), concurrency, invoke); // warm-up
  const cpuBefore = cpuSeconds();
  const { elapsedMs } = await runConcurrently(invocations, concurrency, invoke);
  return { perSecond: (invocations / elapsedMs) * 1000, cpuMsPerInvocation: cpuMsEach(cpuBefore, cpuSeconds(), invocations) };
}
