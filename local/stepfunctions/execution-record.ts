import type { DescribeExecutionResponse, ExecutionListEntry, ExecutionStatus, LocalExecutionView } from './api-types';
import { HistoryLog } from './history-log';

/** What a state machine is, as the service knows it. */
export interface MachineIdentity {
  id: string;
  arn: string;
  /** The ARN's last segment (what execution ARNs embed). */
  name: string;
  type: 'STANDARD' | 'EXPRESS';
}

/**
 * One execution's data: identity, input, outcome and history. Status moves once, from RUNNING to a
 * terminal status; the views render it as DescribeExecution, ListExecutions and the local endpoint do.
 */
export class ExecutionRecord {
  readonly history = new HistoryLog();
  readonly startMs = Date.now();
  status: ExecutionStatus = 'RUNNING';
  stopMs?: number;
  outputText?: string;
  error?: string;
  cause?: string;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly machine: MachineIdentity,
    readonly inputText: string,
  ) {}

  get running(): boolean {
    return this.status === 'RUNNING';
  }

  /** Moves to a terminal status; the first call wins (a stop racing a failure keeps the first). */
  finish(status: Exclude<ExecutionStatus, 'RUNNING'>, outcome: { outputText?: string; error?: string; cause?: string } = {}): boolean {
    if (!this.running) return false;
    this.status = status;
    this.stopMs = Date.now();
    this.outputText = outcome.outputText;
    this.error = outcome.error || undefined;
    this.cause = outcome.cause || undefined;
    return true;
  }

  describe(): DescribeExecutionResponse {
    return {
      executionArn: this.arn,
      stateMachineArn: this.machine.arn,
      name: this.name,
      status: this.status,
      startDate: this.startMs / 1000,
      stopDate: this.stopMs === undefined ? undefined : this.stopMs / 1000,
      input: this.inputText,
      inputDetails: { included: true },
      output: this.outputText,
      outputDetails: this.outputText === undefined ? undefined : { included: true },
      error: this.error,
      cause: this.cause,
      redriveCount: 0,
    };
  }

  listEntry(): ExecutionListEntry {
    return {
      executionArn: this.arn,
      stateMachineArn: this.machine.arn,
      name: this.name,
      status: this.status,
      startDate: this.startMs / 1000,
      stopDate: this.stopMs === undefined ? undefined : this.stopMs / 1000,
      redriveCount: 0,
    };
  }

  localView(): LocalExecutionView {
    return {
      executionArn: this.arn,
      stateMachineArn: this.machine.arn,
      stateMachine: this.machine.id,
      type: this.machine.type,
      name: this.name,
      status: this.status,
      startDate: new Date(this.startMs).toISOString(),
      stopDate: this.stopMs === undefined ? undefined : new Date(this.stopMs).toISOString(),
      input: parseOrText(this.inputText),
      output: this.outputText === undefined ? undefined : parseOrText(this.outputText),
      error: this.error,
      cause: this.cause,
      history: this.history.toLocal(),
    };
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
