import type { StateMachine } from 'aws-local-stepfunctions';
import { LOCAL_ACCOUNT_ID } from '../local-identity';
import type { HistoryEventType } from './api-types';
import type { DefinitionCatalog, Retrier, StateType } from './definition-catalog';
import type { ExecutionActivity } from './execution-activity';
import type { HistoryLog } from './history-log';
import { toJsonText, type JsonValue } from './json';
import { readReferencePath } from './reference-path';
import { HEARTBEAT_TIMEOUT_ERROR } from './runnable-definition';

/** An event of aws-local-stepfunctions' `eventLogs` (the library does not export the type). */
export type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

export const LOCAL_EXECUTION_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/local-step-functions`;

/** The library's stand-in name for a Fail state without `Error` (AWS reports no error then). */
const LIBRARY_FAIL_STATE_DEFAULT = { error: 'FailStateError', cause: 'Execution failed because of a Fail state' };

/**
 * Turns aws-local-stepfunctions' event log into Step Functions' history events. Task-level events
 * (TaskScheduled … TaskSucceeded, LambdaFunction*) are written by the task shim as they happen; this
 * covers the execution, state entry/exit, Map and Parallel, and feeds the activity tracker (which
 * state was entered with what input, and which retry comes next).
 */
export class LibraryEventTranslator {
  /** Map/Parallel states (per Map iteration) that failed since they were entered. */
  private readonly failedContainers = new Set<string>();

  constructor(
    private readonly history: HistoryLog,
    private readonly catalog: DefinitionCatalog,
    private readonly activity: ExecutionActivity,
    private readonly hooks: {
      /** The original retrier behind the runnable definition's one (whose backoff the shim took over). */
      originalRetrier(stateName: string, runnableRetrier: unknown): Retrier | undefined;
      /** StopExecution's error and cause, for ExecutionAborted. */
      stopDetails(): { error?: string; cause?: string };
    },
    /** A redriven run goes on with the execution's history: its start is the ExecutionRedriven event already written. */
    private readonly redriven = false,
    /** A run continued after a restart in the state it waited in: that state's entry is in the history already. */
    private resumedState?: string,
  ) {}

  translate(event: LibraryEvent): void {
    switch (event.type) {
      case 'ExecutionStarted':
        if (this.redriven) return;
        this.history.append('ExecutionStarted', { input: toJsonText(event.input), inputDetails: { truncated: false }, roleArn: LOCAL_EXECUTION_ROLE_ARN });
        return;
      case 'ExecutionSucceeded':
        this.history.append('ExecutionSucceeded', { output: toJsonText(event.output), outputDetails: { truncated: false } });
        return;
      case 'ExecutionFailed': {
        const { error, cause } = awsErrorOf(event.Error, event.Cause);
        this.history.append('ExecutionFailed', { error, cause });
        return;
      }
      case 'ExecutionAborted':
        this.history.append('ExecutionAborted', this.hooks.stopDetails());
        return;
      case 'ExecutionTimeout':
        this.history.append('ExecutionTimedOut', { error: 'States.Timeout' });
        return;
      case 'StateEntered':
        this.stateEntered(event.state.name, event.state.input, event.index);
        return;
      case 'StateExited':
        this.stateExited(event.state.name, event.state.output ?? null, event.index);
        return;
      case 'StateFailed':
        this.stateFailed(event.state.name, event.index, event.Error, event.Cause);
        return;
      case 'StateRetried': {
        const retrier = this.hooks.originalRetrier(event.state.name, event.retry.retrier);
        if (this.typeOf(event.state.name) === 'Task' && retrier) this.activity.noteRetry(event.state.name, retrier, event.retry.attempt);
        this.failedContainers.delete(containerKey(event.state.name, event.index));
        return;
      }
      case 'MapIterationStarted':
        this.history.append('MapIterationStarted', { name: event.parentState.name, index: event.index });
        return;
      case 'MapIterationSucceeded':
        this.history.append('MapIterationSucceeded', { name: event.parentState.name, index: event.index });
        return;
      case 'MapIterationFailed':
        this.history.append('MapIterationFailed', { name: event.parentState.name, index: event.index });
        return;
      default:
        // StateCaught and ParallelBranch* have no history event of their own on AWS.
        return;
    }
  }

  private typeOf(name: string): StateType | undefined {
    return this.catalog.states.get(name)?.type;
  }

  private stateEntered(name: string, input: JsonValue, index: number | undefined): void {
    const type = this.typeOf(name) ?? 'Pass';
    this.activity.noteStateEntered(name, input, type === 'Task');
    if (this.resumedState === name) {
      this.resumedState = undefined;
      return;
    }
    this.history.append(`${type}StateEntered` as HistoryEventType, { name, input: toJsonText(input), inputDetails: { truncated: false } });
    this.failedContainers.delete(containerKey(name, index));
    if (type === 'Map') this.history.append('MapStateStarted', { length: this.mapLength(name, input) });
    if (type === 'Parallel') this.history.append('ParallelStateStarted');
  }

  private stateExited(name: string, output: JsonValue, index: number | undefined): void {
    const type = this.typeOf(name) ?? 'Pass';
    const failed = this.failedContainers.delete(containerKey(name, index));
    if (type === 'Map' && !failed) this.history.append('MapStateSucceeded');
    if (type === 'Parallel' && !failed) this.history.append('ParallelStateSucceeded');
    this.history.append(`${type}StateExited` as HistoryEventType, { name, output: toJsonText(output), outputDetails: { truncated: false } });
  }

  private stateFailed(name: string, index: number | undefined, error: string, cause: unknown): void {
    const type = this.typeOf(name);
    if (type !== 'Map' && type !== 'Parallel') return; // Task failures are written by the task shim.
    this.failedContainers.add(containerKey(name, index));
    const details = awsErrorOf(error, cause);
    this.history.append(type === 'Map' ? 'MapStateFailed' : 'ParallelStateFailed', { error: details.error, cause: details.cause });
  }

  /** `MapStateStarted.length`: the items the Map will iterate (InputPath, then ItemsPath). */
  private mapLength(name: string, input: JsonValue): number {
    const definition = this.catalog.states.get(name)?.definition ?? {};
    let scoped: JsonValue = input;
    if (typeof definition.InputPath === 'string') {
      const read = readReferencePath(definition.InputPath, input);
      if (!read.found) return 0;
      scoped = read.value;
    }
    const items = readReferencePath(typeof definition.ItemsPath === 'string' ? definition.ItemsPath : '$', scoped);
    return items.found && Array.isArray(items.value) ? items.value.length : 0;
  }
}

const containerKey = (name: string, index: number | undefined) => `${name}#${index ?? ''}`;

/** AWS's error/cause for the library's: heartbeat timeouts read as States.Timeout, causes as text. */
export function awsErrorOf(error: string, cause: unknown): { error?: string; cause?: string } {
  if (error === LIBRARY_FAIL_STATE_DEFAULT.error) {
    return { cause: cause === LIBRARY_FAIL_STATE_DEFAULT.cause ? undefined : causeText(cause) };
  }
  return { error: error === HEARTBEAT_TIMEOUT_ERROR ? 'States.Timeout' : error, cause: causeText(cause) };
}

function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}
