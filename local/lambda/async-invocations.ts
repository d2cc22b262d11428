/**
 * Lambda's asynchronous invocation (InvocationType `Event`: EventBridge rules and schedules, an
 * `lambda:invoke` task with `InvocationType: Event`), as the local function host runs it. AWS docs,
 * "How Lambda handles errors and retries with asynchronous invocation" and "Capturing records of Lambda
 * asynchronous invocations" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html):
 *
 * - Lambda queues the event and answers at once; the caller never sees the function's outcome;
 * - a function error is retried `MaximumRetryAttempts` times (0 to 2, default 2): about one minute
 *   after the first attempt and two minutes after the second;
 * - a throttled attempt (no concurrency left) is not a function error: the event goes back to the queue
 *   and is tried again with a backoff from 1 second up to 5 minutes, for as long as the event is younger
 *   than `MaximumEventAgeInSeconds` (60 s to 6 h, default 6 h);
 * - an event that runs out of retries or of age goes to the function's on-failure destination (or
 *   dead-letter queue), as a record with its request and the last response, or is dropped without one.
 *
 * Every wait and the event age can be scaled down together (`delayScale`), as the runtime's other
 * delays are in tests.
 */
import type { RetryPolicySpec } from '#contracts/wiring';
import { PendingWork } from '../eventbridge/pending-work';
import type { InvokeResult } from './function-invoker';

/** Lambda's defaults for asynchronous invocation, when a function has no EventInvokeConfig. */
export const LAMBDA_ASYNC_DEFAULTS: RetryPolicySpec = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 };

/** Waits before the second and third attempts after a function error. */
const RETRY_DELAYS_MS = [60_000, 120_000];
/** Backoff of a throttled event: from 1 s, doubling, at most 5 min. */
const THROTTLE_BACKOFF_MS = { first: 1000, max: 5 * 60_000 };

/** The record Lambda sends to an on-failure destination (an SQS message body). */
export interface AsyncFailureRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetriesExhausted' | 'EventAgeExceeded';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError: 'Unhandled' };
  responsePayload?: { errorType: string; errorMessage: string; trace?: string[] };
}

/** One attempt's outcome: the function's result, or `throttled` when it could not run at all. */
export type AsyncAttemptOutcome = InvokeResult | 'throttled';

export interface AsyncInvocationOptions {
  /** Runs one attempt now (the host's synchronous path, with its concurrency check). */
  attempt(functionId: string, event: unknown): Promise<AsyncAttemptOutcome>;
  /** The function's ARN, as the failure record names it. */
  functionArn(functionId: string): string;
  /** The function's EventInvokeConfig; Lambda's defaults when it has none. */
  config?(functionId: string): RetryPolicySpec | undefined;
  /** Multiplies every wait and the maximum event age (tests: 0.001 makes a minute 60 ms). Default 1. */
  delayScale?: number;
  /** An event sent to the function's on-failure destination. */
  onFailure?(functionId: string, record: AsyncFailureRecord): void;
  now?: () => number;
  random?: () => number;
}

export class AsyncInvocations {
  private readonly work = new PendingWork();
  private readonly records: { functionId: string; record: AsyncFailureRecord }[] = [];
  private readonly scale: number;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: AsyncInvocationOptions) {
    this.scale = options.delayScale ?? 1;
    if (!(this.scale > 0)) throw new Error(`delayScale must be a positive number, got ${options.delayScale}`);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Lambda's 202: the event is queued, and runs after this call has returned. */
  accept(functionId: string, event: unknown, requestId: string): void {
    const acceptedAt = this.now();
    this.work.start(() => this.process(functionId, event, requestId, acceptedAt));
  }

  /** The records sent to on-failure destinations, oldest first (of one function, or of all). */
  failures(functionId?: string): AsyncFailureRecord[] {
    return this.records.filter((entry) => functionId === undefined || entry.functionId === functionId).map((entry) => entry.record);
  }

  /** Resolves when no queued event is running or waiting for a retry. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /** Drops the queue: waiting retries give up (shutdown). */
  close(): void {
    this.work.cancel();
  }

  private async process(functionId: string, event: unknown, requestId: string, acceptedAt: number): Promise<void> {
    const config = this.options.config?.(functionId) ?? LAMBDA_ASYNC_DEFAULTS;
    const maxAgeMs = config.maximumEventAgeSeconds * 1000 * this.scale;
    const age = () => this.now() - acceptedAt;
    let invocations = 0;
    let throttles = 0;
    let lastError: { errorType: string; errorMessage: string; trace?: string[] } | undefined;
    const fail = (condition: AsyncFailureRecord['requestContext']['condition']) => {
      const record: AsyncFailureRecord = {
        version: '1.0',
        timestamp: new Date(this.now()).toISOString(),
        requestContext: { requestId, functionArn: `${this.options.functionArn(functionId)}:$LATEST`, condition, approximateInvokeCount: invocations },
        requestPayload: event,
        ...(lastError
          ? { responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' as const }, responsePayload: lastError }
          : {}),
      };
      this.records.push({ functionId, record });
      this.options.onFailure?.(functionId, record);
    };
    for (;;) {
      if (this.work.isCancelled) return;
      const outcome = await this.options.attempt(functionId, structuredClone(event));
      if (this.work.isCancelled) return;
      let delayMs: number;
      if (outcome === 'throttled') {
        throttles += 1;
        const backoff = Math.min(THROTTLE_BACKOFF_MS.first * 2 ** (throttles - 1), THROTTLE_BACKOFF_MS.max);
        delayMs = (backoff / 2 + (this.random() * backoff) / 2) * this.scale;
      } else {
        invocations += 1;
        if (outcome.ok) return;
        lastError = outcome.error;
        if (invocations > config.maximumRetryAttempts) return fail('RetriesExhausted');
        delayMs = RETRY_DELAYS_MS[Math.min(invocations, RETRY_DELAYS_MS.length) - 1]! * this.scale;
      }
      if (age() + delayMs > maxAgeMs) return fail('EventAgeExceeded');
      if (!(await this.work.sleep(delayMs))) return;
    }
  }
}
