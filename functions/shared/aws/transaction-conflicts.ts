import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB rejects a request that meets a transaction in flight on the same item: a PutItem, UpdateItem
 * or DeleteItem with `TransactionConflictException`, a TransactWriteItems or TransactGetItems with
 * `TransactionCanceledException` and a `TransactionConflict` cancellation reason (AWS docs, "Amazon
 * DynamoDB Transactions: How it works", "Transaction conflict handling in DynamoDB"). A customer's
 * cancel racing ReserveStock's transaction (which checks the order), or an admin's stock adjustment
 * racing a reservation, meets one. The SDK retries neither, and DynamoDB Local never produces one.
 *
 * A rejected request wrote nothing, so sending the very same request again is always safe: its
 * conditions are evaluated afresh against whatever the other transaction committed, exactly as if it
 * had been sent a moment later. Every DynamoDB client of the functions does that here, with
 * exponential backoff and full jitter, so that adapters need no code of their own; what is still in
 * conflict after the last attempt reaches the caller, where an API answers 409 with Retry-After and a
 * saga step fails with StoreBusy, which the state machine retries.
 */

/** Cancellation reasons that say "another writer was there", not "your condition failed". */
const CONFLICT_ONLY_CODES = new Set(['TransactionConflict', 'None']);

/** True for a request rejected only because it met a transaction in flight (nothing was written). */
export function isTransactionConflict(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return codes.includes('TransactionConflict') && codes.every((code) => CONFLICT_ONLY_CODES.has(code));
}

export interface ConflictRetryOptions {
  /** Sends of one request, the first included. Default 8: at a 20 % conflict rate, 1 in 390,000 requests still fails. */
  maxAttempts?: number;
  /** The backoff before the first retry, at most; doubles per retry. Default 20 ms. */
  baseDelayMs?: number;
  /** The most one wait can be. Default 1000 ms. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULTS = { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 1000 };

/** Full jitter: anywhere from 0 to the capped exponential delay ("Exponential Backoff And Jitter", AWS Architecture Blog). */
export const fullJitterDelayMs = (retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number =>
  random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));

/**
 * Adds the conflict retries to a DynamoDB client (and so to a document client made from it, which
 * shares its middleware stack). The middleware sits at the start of the stack: each attempt is a
 * whole new request, with the SDK's own retries (throttling, network) inside it.
 */
export function retryTransactionConflicts<Client extends Pick<DynamoDBClient, 'middlewareStack'>>(client: Client, options: ConflictRetryOptions = {}): Client {
  const { maxAttempts, baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  client.middlewareStack.add(
    (next) => async (args) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await next(args);
        } catch (error) {
          if (!isTransactionConflict(error) || attempt >= maxAttempts) throw error;
          await sleep(fullJitterDelayMs(attempt, baseDelayMs, maxDelayMs, random));
        }
      }
    },
    { step: 'initialize', name: 'retryTransactionConflicts', override: true },
  );
  return client;
}
