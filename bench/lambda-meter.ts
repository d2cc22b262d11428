/**
 * Counts Lambda usage from outside the runtime: every FunctionHost publishes its finished invocations
 * on a diagnostics channel (local/lambda/function-host.ts), and this meter sums them per function.
 */
import { functionInvocations, type FunctionInvocationRecord } from '#local/lambda/function-host';
import { billedGbSeconds } from './cost-model';

export interface FunctionUsage {
  invocations: number;
  durationMs: number;
  gbSeconds: number;
}

export class LambdaMeter {
  private usage = new Map<string, FunctionUsage>();
  private readonly listener = (message: unknown) => this.record(message as FunctionInvocationRecord);

  constructor() {
    functionInvocations.subscribe(this.listener);
  }

  /** Usage per function id since the last reset. */
  snapshot(): Record<string, FunctionUsage> {
    return Object.fromEntries([...this.usage].map(([functionId, usage]) => [functionId, { ...usage }]));
  }

  reset(): void {
    this.usage = new Map();
  }

  close(): void {
    functionInvocations.unsubscribe(this.listener);
  }

  private record({ functionId, memorySize, durationMs }: FunctionInvocationRecord): void {
    const usage = this.usage.get(functionId) ?? { invocations: 0, durationMs: 0, gbSeconds: 0 };
    usage.invocations += 1;
    usage.durationMs += durationMs;
    usage.gbSeconds += billedGbSeconds(memorySize, durationMs);
    this.usage.set(functionId, usage);
  }
}
