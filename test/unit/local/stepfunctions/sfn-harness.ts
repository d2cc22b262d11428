import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionInvoker, InvokeOptions, InvokeResult } from '#local/lambda/function-invoker';
import { localStateMachineArn } from '#local/local-identity';
import type { WireHistoryEvent } from '#local/stepfunctions/api-types';
import { LocalStepFunctions, type LocalStepFunctionsOptions } from '#local/stepfunctions/local-step-functions';
import type { TaskDispatchDeps } from '#local/stepfunctions/task-dispatch';

/** Shared pieces of the local Step Functions tests: fixtures, a fake function catalogue, helpers. */

export const FIXTURES_DIR = path.resolve(__dirname, '../../../fixtures/statemachines');

export function loadFixture(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** What a fake function does on its n-th call (1-based): return a payload, or throw a FunctionError. */
export type FakeBehaviour = (event: unknown, call: number) => unknown;

/** Thrown by a fake function: becomes Lambda's `{errorType, errorMessage}` error payload. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message = errorType,
  ) {
    super(message);
  }
}

export class FakeFunctions implements FunctionInvoker {
  readonly calls: { functionId: string; event: unknown; options?: InvokeOptions; at: number }[] = [];

  constructor(private readonly behaviours: Record<string, FakeBehaviour>) {}

  async invoke(functionId: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult> {
    this.calls.push({ functionId, event, options, at: Date.now() });
    const behaviour = this.behaviours[functionId];
    if (!behaviour) return { ok: false, durationMs: 0, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionId}` } };
    try {
      return { ok: true, payload: await behaviour(event, this.callsTo(functionId).length), durationMs: 1 };
    } catch (error) {
      if (error instanceof FunctionError) {
        return {
          ok: false,
          durationMs: 1,
          error: { errorType: error.errorType, errorMessage: error.message, trace: [`${error.errorType}: ${error.message}`] },
        };
      }
      throw error;
    }
  }

  callsTo(functionId: string) {
    return this.calls.filter((call) => call.functionId === functionId);
  }
}

export interface MachineFixture {
  id: string;
  file: string;
  type?: 'STANDARD' | 'EXPRESS';
}

export function createService(
  machines: MachineFixture[],
  tasks: TaskDispatchDeps,
  options: Omit<LocalStepFunctionsOptions, 'machines' | 'tasks'> = {},
): LocalStepFunctions {
  return new LocalStepFunctions({
    machines: machines.map((machine) => ({
      id: machine.id,
      arn: localStateMachineArn(machine.id),
      type: machine.type ?? 'STANDARD',
      definition: loadFixture(machine.file),
    })),
    tasks,
    retryDelayScale: 0.001,
    waitScale: 0.001,
    ...options,
  });
}

export const arnOf = (machineId: string) => localStateMachineArn(machineId);

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function historyOf(service: LocalStepFunctions, executionArn: string): Promise<WireHistoryEvent[]> {
  return (await service.getExecutionHistory({ executionArn, maxResults: 1000 })).events ?? [];
}

export const typesOf = (events: WireHistoryEvent[]) => events.map((event) => event.type);

/** Starts an execution and waits until it is no longer running. */
export async function runToEnd(service: LocalStepFunctions, machineId: string, input: unknown, name?: string) {
  const { executionArn } = await service.startExecution({ stateMachineArn: arnOf(machineId), input: JSON.stringify(input), name });
  await eventually(async () => (await service.describeExecution({ executionArn })).status !== 'RUNNING');
  return { executionArn: executionArn!, description: await service.describeExecution({ executionArn }), history: await historyOf(service, executionArn!) };
}

/** The `*EventDetails` member of an event, whatever its name. */
export function detailsOf(event: WireHistoryEvent): Record<string, unknown> {
  const entry = Object.entries(event).find(([key]) => key.endsWith('EventDetails'));
  return (entry?.[1] ?? {}) as Record<string, unknown>;
}

/** Events of a state (by the `name` in entered/exited details) are hard to pick out; this finds task events by resource. */
export function eventsOfType(events: WireHistoryEvent[], type: string): WireHistoryEvent[] {
  return events.filter((event) => event.type === type);
}
