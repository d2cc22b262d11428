import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { LocalServiceError } from '../aws-api/service-error';
import type { JsonValue } from './json';

/**
 * Task tokens for `.waitForTaskToken` tasks (aws-local-stepfunctions has none). Each task attempt gets
 * a fresh token; SendTaskSuccess/Failure settle it once; SendTaskHeartbeat keeps it alive. A token that
 * was settled, timed out or whose execution ended answers `TaskTimedOut` (what AWS answers for a token
 * used twice), one that never existed `TaskDoesNotExist`, one that is not a token at all `InvalidToken`.
 */

export type TokenOutcome = { kind: 'success'; output: JsonValue } | { kind: 'failure'; error?: string; cause?: string };

export interface OpenToken {
  token: string;
  /** Settles with the first SendTaskSuccess/SendTaskFailure. */
  outcome: Promise<TokenOutcome>;
  /** Called on every SendTaskHeartbeat while the token is open. */
  onHeartbeat(listener: () => void): void;
  /** Retires the token (task ended some other way): later sends answer TaskTimedOut. */
  close(): void;
}

interface TokenRecord {
  owner: string;
  open: boolean;
  settle?: (outcome: TokenOutcome) => void;
  heartbeat?: () => void;
}

const TOKEN_SHAPE = /^sfnlocal\.[0-9A-HJKMNP-TV-Z]{26}\.[A-Za-z0-9_-]{32}$/;
/** SendTaskSuccess/Failure output and cause limits (256 KiB, 32 KiB) and the error name limit. */
const MAX_OUTPUT_BYTES = 262_144;
const MAX_ERROR_CHARS = 256;
const MAX_CAUSE_CHARS = 32_768;

export class TaskTokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  /**
   * Mints a token owned by `owner` (an execution ARN) and waits for its outcome; `kept`: a token an
   * earlier run minted, open again for the execution continued after a restart (execution-store.ts).
   */
  open(owner: string, kept?: string): OpenToken {
    const token = kept ?? `sfnlocal.${ulid()}.${randomBytes(24).toString('base64url')}`;
    const record: TokenRecord = { owner, open: true };
    const outcome = new Promise<TokenOutcome>((resolve) => {
      record.settle = resolve;
    });
    this.tokens.set(token, record);
    return {
      token,
      outcome,
      onHeartbeat: (listener) => {
        record.heartbeat = listener;
      },
      close: () => this.retire(record),
    };
  }

  sendSuccess(token: unknown, output: unknown): void {
    const record = this.openRecord(token);
    if (typeof output !== 'string' || Buffer.byteLength(output) > MAX_OUTPUT_BYTES) {
      throw new LocalServiceError('InvalidOutput', 'Invalid Output: output must be a JSON string of at most 256 KiB');
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(output) as JsonValue;
    } catch {
      throw new LocalServiceError('InvalidOutput', `Invalid Output: '${output.slice(0, 200)}' is not valid JSON`);
    }
    this.finish(record, { kind: 'success', output: parsed });
  }

  sendFailure(token: unknown, error: unknown, cause: unknown): void {
    const record = this.openRecord(token);
    if (error !== undefined && (typeof error !== 'string' || error.length > MAX_ERROR_CHARS)) {
      throw new LocalServiceError('ValidationException', 'error must be a string of at most 256 characters');
    }
    if (cause !== undefined && (typeof cause !== 'string' || cause.length > MAX_CAUSE_CHARS)) {
      throw new LocalServiceError('ValidationException', 'cause must be a string of at most 32768 characters');
    }
    this.finish(record, { kind: 'failure', error: error as string | undefined, cause: cause as string | undefined });
  }

  sendHeartbeat(token: unknown): void {
    this.openRecord(token).heartbeat?.();
  }

  /** Retires every open token of an execution (it ended, was stopped or timed out). */
  retireAllOf(owner: string): void {
    for (const record of this.tokens.values()) if (record.owner === owner) this.retire(record);
  }

  retireAll(): void {
    for (const record of this.tokens.values()) this.retire(record);
  }

  private openRecord(token: unknown): TokenRecord {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) {
      throw new LocalServiceError('InvalidToken', "Invalid Token: 'Unable to decode the task token'");
    }
    const record = this.tokens.get(token);
    if (!record) throw new LocalServiceError('TaskDoesNotExist', 'Task Does Not Exist: the token was not issued by this runtime');
    if (!record.open) throw new LocalServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return record;
  }

  private finish(record: TokenRecord, outcome: TokenOutcome): void {
    const settle = record.settle;
    this.retire(record);
    settle?.(outcome);
  }

  private retire(record: TokenRecord): void {
    record.open = false;
    record.heartbeat = undefined;
    record.settle = undefined;
  }
}
