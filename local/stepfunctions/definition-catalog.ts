import { isJsonObject, type JsonObject } from './json';
import { parseTaskResource, type TaskResource } from './task-resource';

/**
 * Every state of a definition, nested Parallel branches and Map processors included, indexed by name.
 * aws-local-stepfunctions keys its overrides by state name across the whole machine, so names must be
 * unique (as AWS requires anyway) and every Task has to be known here: a Task the shim does not cover
 * would make the library call real AWS Lambda.
 */

export type StateType = 'Task' | 'Parallel' | 'Map' | 'Pass' | 'Wait' | 'Choice' | 'Succeed' | 'Fail';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface StateEntry {
  name: string;
  type: StateType;
  definition: JsonObject;
  retriers: Retrier[];
}

export interface TaskStateEntry extends StateEntry {
  type: 'Task';
  resource: TaskResource;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
  heartbeatSeconds?: number;
  heartbeatSecondsPath?: string;
}

export interface DefinitionCatalog {
  states: ReadonlyMap<string, StateEntry>;
  tasks: ReadonlyMap<string, TaskStateEntry>;
  waits: ReadonlyMap<string, StateEntry>;
  /** Top-level `TimeoutSeconds` of the execution, if any. */
  timeoutSeconds?: number;
}

/** Definition features the interpreter library accepts but silently ignores, so they are refused up front. */
const UNSUPPORTED_STATE_FIELDS = ['Assign', 'Arguments', 'Output', 'Items', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'Credentials'];

export class UnsupportedDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDefinitionError';
  }
}

export function catalogDefinition(definition: unknown, label: string): DefinitionCatalog {
  if (!isJsonObject(definition)) throw new UnsupportedDefinitionError(`${label}: the definition is not a JSON object`);
  const states = new Map<string, StateEntry>();
  const tasks = new Map<string, TaskStateEntry>();
  const waits = new Map<string, StateEntry>();

  const visit = (machine: JsonObject, where: string) => {
    if (machine.QueryLanguage === 'JSONata') {
      throw new UnsupportedDefinitionError(`${label}: ${where} uses JSONata, which the local interpreter does not run; use JSONPath`);
    }
    if (!isJsonObject(machine.States)) throw new UnsupportedDefinitionError(`${label}: ${where} has no States`);
    for (const [name, raw] of Object.entries(machine.States)) {
      if (!isJsonObject(raw)) throw new UnsupportedDefinitionError(`${label}: state ${name} is not an object`);
      if (states.has(name)) {
        throw new UnsupportedDefinitionError(`${label}: state name "${name}" is used twice; state names must be unique in the whole state machine`);
      }
      if (raw.QueryLanguage === 'JSONata') {
        throw new UnsupportedDefinitionError(`${label}: state ${name} uses JSONata, which the local interpreter does not run`);
      }
      for (const field of UNSUPPORTED_STATE_FIELDS) {
        if (field in raw) throw new UnsupportedDefinitionError(`${label}: state ${name} uses ${field}, which the local interpreter does not support`);
      }
      const type = raw.Type as StateType;
      const entry: StateEntry = { name, type, definition: raw, retriers: Array.isArray(raw.Retry) ? (raw.Retry as unknown as Retrier[]) : [] };
      states.set(name, entry);

      if (type === 'Task') {
        if (typeof raw.Resource !== 'string') throw new UnsupportedDefinitionError(`${label}: Task ${name} has no Resource`);
        const task: TaskStateEntry = {
          ...entry,
          type: 'Task',
          resource: parseTaskResource(raw.Resource),
          timeoutSeconds: typeof raw.TimeoutSeconds === 'number' ? raw.TimeoutSeconds : undefined,
          timeoutSecondsPath: typeof raw.TimeoutSecondsPath === 'string' ? raw.TimeoutSecondsPath : undefined,
          heartbeatSeconds: typeof raw.HeartbeatSeconds === 'number' ? raw.HeartbeatSeconds : undefined,
          heartbeatSecondsPath: typeof raw.HeartbeatSecondsPath === 'string' ? raw.HeartbeatSecondsPath : undefined,
        };
        tasks.set(name, task);
        states.set(name, task);
      } else if (type === 'Wait') {
        waits.set(name, entry);
      } else if (type === 'Parallel') {
        const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
        branches.forEach((branch, index) => {
          if (!isJsonObject(branch)) throw new UnsupportedDefinitionError(`${label}: branch ${index} of ${name} is not an object`);
          visit(branch, `branch ${index} of ${name}`);
        });
      } else if (type === 'Map') {
        const processor = raw.ItemProcessor ?? raw.Iterator;
        if (!isJsonObject(processor)) throw new UnsupportedDefinitionError(`${label}: Map ${name} has no ItemProcessor`);
        const config = processor.ProcessorConfig;
        if (isJsonObject(config) && config.Mode === 'DISTRIBUTED') {
          throw new UnsupportedDefinitionError(`${label}: Map ${name} is a distributed Map, which the local interpreter does not run`);
        }
        visit(processor, `the ItemProcessor of ${name}`);
      }
    }
  };

  visit(definition, 'the state machine');
  return {
    states,
    tasks,
    waits,
    timeoutSeconds: typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined,
  };
}
