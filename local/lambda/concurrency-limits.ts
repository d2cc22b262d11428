/**
 * Lambda's concurrency limits, as the local function host applies them. AWS docs, "Understanding Lambda
 * function scaling" and "Configuring reserved concurrency for a function"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html):
 *
 * - an account has a concurrency limit per Region (1,000 by default) that its functions share;
 * - a function with reserved concurrency R runs at most R invocations at once, and those R are taken
 *   from the account's pool for it alone; the functions without a reservation share what is left,
 *   and AWS always leaves at least 100 of it unreserved;
 * - an invocation past the limit is throttled (`TooManyRequestsException`, HTTP 429) instead of
 *   waiting: a synchronous caller gets the error, an asynchronous invocation goes back to Lambda's
 *   queue and is retried.
 *
 * An invocation counts from when Lambda accepts it until it ends. (How many sandboxes the local host
 * really starts is a separate, smaller number: see FunctionHost.)
 */

/** The default concurrency limit of an account in a Region. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
/** What AWS keeps unreserved whatever functions reserve. */
export const MINIMUM_UNRESERVED_CONCURRENCY = 100;

export interface ConcurrencySettings {
  /** The account's concurrency limit. Default 1,000. */
  accountLimit?: number;
  /** Reserved concurrency per function id (0 throttles every invocation of it). */
  reserved?: Record<string, number>;
}

export class ConcurrencyLimits {
  private readonly accountLimit: number;
  private readonly reserved: Map<string, number>;
  private readonly unreservedPool: number;
  private readonly running = new Map<string, number>();
  private runningUnreserved = 0;

  constructor(settings: ConcurrencySettings = {}) {
    this.accountLimit = settings.accountLimit ?? DEFAULT_ACCOUNT_CONCURRENCY;
    this.reserved = new Map(Object.entries(settings.reserved ?? {}));
    if (!Number.isInteger(this.accountLimit) || this.accountLimit < 1)
      throw new Error(`the account concurrency limit must be a positive integer, got ${this.accountLimit}`);
    let total = 0;
    for (const [functionId, reservation] of this.reserved) {
      if (!Number.isInteger(reservation) || reservation < 0)
        throw new Error(`reserved concurrency of ${functionId} must be an integer of 0 or more, got ${reservation}`);
      total += reservation;
    }
    this.unreservedPool = this.accountLimit - total;
    // PutFunctionConcurrency refuses a reservation that would leave less than this unreserved.
    if (this.unreservedPool < Math.min(MINIMUM_UNRESERVED_CONCURRENCY, this.accountLimit)) {
      throw new Error(
        `reserved concurrency ${total} leaves ${this.unreservedPool} of the account's ${this.accountLimit} unreserved; AWS keeps at least ${MINIMUM_UNRESERVED_CONCURRENCY}`,
      );
    }
  }

  /** Counts one more invocation of the function, or answers false when it would be throttled. */
  tryAcquire(functionId: string): boolean {
    const reservation = this.reserved.get(functionId);
    const running = this.running.get(functionId) ?? 0;
    if (reservation !== undefined) {
      if (running >= reservation) return false;
    } else {
      if (this.runningUnreserved >= this.unreservedPool) return false;
      this.runningUnreserved += 1;
    }
    this.running.set(functionId, running + 1);
    return true;
  }

  /** An invocation of the function ended. */
  release(functionId: string): void {
    const running = this.running.get(functionId) ?? 0;
    if (running <= 0) return;
    this.running.set(functionId, running - 1);
    if (!this.reserved.has(functionId)) this.runningUnreserved -= 1;
  }

  /** Invocations of the function running now. */
  concurrencyOf(functionId: string): number {
    return this.running.get(functionId) ?? 0;
  }
}
