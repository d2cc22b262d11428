import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../atomic-json-file';
import type { ExecutionStatus } from './api-types';
import { ExecutionRecord, type MachineIdentity, type WaitingPoint } from './execution-record';
import { HistoryLog, type HistoryEntry } from './history-log';

/** One execution as a file: enough to answer the API about it and to continue it where it waited. */
export interface KeptExecution {
  arn: string;
  name: string;
  /** The state machine it runs (its definition is the deployed one, found again by this ARN). */
  stateMachineArn: string;
  inputText: string;
  startMs: number;
  status: ExecutionStatus;
  stopMs?: number;
  outputText?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveMs?: number;
  redriveTokens: [string, number][];
  waiting?: WaitingPoint;
  history: HistoryEntry[];
}

/**
 * Keeps the local Step Functions' executions in a folder, one JSON file each, written atomically as
 * the execution changes (a history event, its waiting point, its end), so that a restarted runtime
 * knows every execution and continues the running ones, as a Step Functions execution outlives any
 * host. Writes are gathered per execution and made a macrotask later: a burst of history events is
 * one write.
 */
export class ExecutionStore {
  private readonly due = new Map<string, ExecutionRecord>();
  private flushScheduled = false;
  private closed = false;

  constructor(private readonly folder: string) {}

  /** The executions kept by earlier runs, oldest first. */
  load(): KeptExecution[] {
    let files: string[];
    try {
      files = readdirSync(this.folder).filter((file) => file.endsWith('.json'));
    } catch {
      return [];
    }
    return files
      .map((file) => readJsonFile<KeptExecution>(join(this.folder, file), 'a Step Functions execution'))
      .filter((kept): kept is KeptExecution => kept !== undefined)
      .sort((a, b) => a.startMs - b.startMs);
  }

  /** Writes `record` whenever its history grows, and now. */
  watch(record: ExecutionRecord): void {
    record.history.onAppend = () => this.changed(record);
    this.changed(record);
  }

  /** Writes `record` a macrotask from now (once, however often it changes until then). */
  changed(record: ExecutionRecord): void {
    if (this.closed) return;
    this.due.set(record.arn, record);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every execution that changed since the last write. */
  flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    for (const record of this.due.values()) writeJsonAtomically(this.fileOf(record.arn), keptExecutionOf(record));
    this.due.clear();
  }

  /**
   * Writes what is due and stops writing: the runtime stopping aborts its runs in memory, but the
   * executions go on, on disk, as RUNNING, and the next start continues them.
   */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Forgets every kept execution (tests). */
  clear(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private fileOf(arn: string): string {
    // ARNs hold colons and may be long: the file is named by a digest of the ARN, which the file itself carries.
    return join(this.folder, `${createHash('sha256').update(arn).digest('hex').slice(0, 32)}.json`);
  }
}

export function keptExecutionOf(record: ExecutionRecord): KeptExecution {
  return {
    arn: record.arn,
    name: record.name,
    stateMachineArn: record.machine.arn,
    inputText: record.inputText,
    startMs: record.startMs,
    status: record.status,
    stopMs: record.stopMs,
    outputText: record.outputText,
    error: record.error,
    cause: record.cause,
    redriveCount: record.redriveCount,
    redriveMs: record.redriveMs,
    redriveTokens: [...record.redriveTokens],
    waiting: record.running ? record.waiting : undefined,
    history: [...record.history.kept()],
  };
}

/** The record a kept execution describes, for the machine it ran on. */
export function recordOfKept(kept: KeptExecution, machine: MachineIdentity): ExecutionRecord {
  const record = new ExecutionRecord(kept.arn, kept.name, machine, kept.inputText);
  record.history = HistoryLog.restored(kept.history);
  record.startMs = kept.startMs;
  record.status = kept.status;
  record.stopMs = kept.stopMs;
  record.outputText = kept.outputText;
  record.error = kept.error;
  record.cause = kept.cause;
  record.redriveCount = kept.redriveCount;
  record.redriveMs = kept.redriveMs;
  for (const [token, at] of kept.redriveTokens) record.redriveTokens.set(token, at);
  record.waiting = kept.waiting;
  return record;
}
