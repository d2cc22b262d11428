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

/** Step Functions redrives an execution within 14 days of its stop, at most 1000 times. */
const REDRIVABLE_FOR_MS = 14 * 24 * 3600_000;
const MAX_REDRIVES = 1000;

/**
 * One execution's data: identity, input, outcome and history. Status moves from RUNNING to a terminal
 * status, and back to RUNNING only through a redrive; the views render it as DescribeExecution,
 * ListExecutions and the local endpoint do.
 */
/**
 * What a running execution waits for, kept so that a restarted runtime goes on waiting for it: a
 * `.waitForTaskToken` task's token and its TimeoutSeconds deadline, or a Wait state's end (epoch ms).
 */
export interface WaitingPoint {
  stateName: string;
  token?: string;
  deadlineMs?: number;
}

export class ExecutionRecord {
  history = new HistoryLog();
  startMs = Date.now();
  status: ExecutionStatus = 'RUNNING';
  /** Set while the execution waits on a task token or a Wait state (execution-store.ts keeps it). */
  waiting?: WaitingPoint;
  stopMs?: number;
  outputText?: string;
  error?: string;
  cause?: string;
  redriveCount = 0;
  redriveMs?: number;
  /** RedriveExecution client tokens already used (a repeated one answers the same redrive). */
  readonly redriveTokens = new Map<string, number>();

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

  /** Why RedriveExecution would refuse, as DescribeExecution's redriveStatusReason says it; undefined: redrivable. */
  notRedrivableReason(now = Date.now()): string | undefined {
    if (this.machine.type !== 'STANDARD') return 'Execution is not of type STANDARD.';
    if (this.status === 'RUNNING' || this.status === 'SUCCEEDED') return `Execution is ${this.status} and cannot be redriven.`;
    if (this.stopMs !== undefined && now - this.stopMs > REDRIVABLE_FOR_MS) return 'Execution redrivable period exceeded.';
    if (this.redriveCount >= MAX_REDRIVES) return 'Execution redrive count exceeded.';
    return undefined;
  }

  /** Back to RUNNING for a redrive: the outcome of the previous attempt is gone, the history stays. */
  redrive(): void {
    this.status = 'RUNNING';
    this.stopMs = undefined;
    this.outputText = undefined;
    this.error = undefined;
    this.cause = undefined;
    this.redriveCount += 1;
    this.redriveMs = Date.now();
  }

  describe(): DescribeExecutionResponse {
    const notRedrivable = this.notRedrivableReason();
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
      redriveCount: this.redriveCount,
      redriveDate: this.redriveMs === undefined ? undefined : this.redriveMs / 1000,
      redriveStatus: notRedrivable ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      redriveStatusReason: notRedrivable,
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
      redriveCount: this.redriveCount,
      redriveDate: this.redriveMs === undefined ? undefined : this.redriveMs / 1000,
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
      redriveCount: this.redriveCount,
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
