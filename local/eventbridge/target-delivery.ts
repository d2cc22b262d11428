/**
 * Delivers one event to one rule target, with the target's retry policy.
 *
 * A function target is invoked asynchronously (InvocationType `Event`), with the event exactly as
 * EventBridge hands it over, as EventBridge invokes Lambda (AWS docs, "Amazon EventBridge targets" and
 * "Sending and receiving events between Amazon EventBridge and AWS Lambda"): the delivery succeeds
 * once Lambda has queued the event. The function's own errors are then Lambda's to retry (its
 * asynchronous invocation: two retries, then the function's on-failure destination, see
 * local/lambda/async-invocations.ts), never the rule's. The rule's retry policy and dead-letter queue
 * cover only a delivery Lambda refused (the function does not exist, Lambda throttled the call): such
 * a delivery is retried with exponential backoff and jitter until `maximumRetryAttempts` retries are
 * spent or the next retry would fall past `maximumEventAgeSeconds` (counted from when the bus accepted
 * the event); then the event goes to the dead-letter list, with the attributes an EventBridge DLQ
 * message carries (rule, target, error, attempts). ("Using dead-letter queues to process undelivered
 * events in EventBridge".)
 */
import type { EventTargetSpec } from '#contracts/wiring';
import type { FunctionInvoker, InvokeResult } from '../lambda/function-invoker';
import type { CarriedEvent } from './carried-event';
import type { PendingWork } from './pending-work';
import { retryDelayMs } from './retry-backoff';

export interface DeadLetter {
  ruleId: string;
  /** `function:<functionId>` or `queue:<queueId>`. */
  target: string;
  event: CarriedEvent;
  /** The last error, as `<errorType>: <errorMessage>`. */
  error: string;
  /** Invocations made, the first one included. */
  attempts: number;
  reason: 'RetriesExhausted' | 'MaximumEventAgeExceeded';
}

export interface DeliveryContext {
  invoker: FunctionInvoker;
  work: PendingWork;
  clock: () => Date;
  retryBaseDelayMs: number;
  random: () => number;
  enqueue(queueId: string, message: CarriedEvent): void;
  deadLetter(letter: DeadLetter): void;
}

export const targetLabel = (target: EventTargetSpec): string => (target.kind === 'function' ? `function:${target.functionId}` : `queue:${target.queueId}`);

/** A refused invoke (a throttle, no function host) counts as a failed delivery, as a missing function does. */
const invokeSafely = async (invoker: FunctionInvoker, functionId: string, event: CarriedEvent): Promise<InvokeResult> => {
  try {
    return await invoker.invoke(functionId, event, { invocationType: 'Event' });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { errorType: error.name, errorMessage: error.message }, durationMs: 0 };
  }
};

export const deliverToTarget = async (
  ctx: DeliveryContext,
  ruleId: string,
  target: EventTargetSpec,
  event: CarriedEvent,
  acceptedAtMs: number,
): Promise<void> => {
  // Every target gets its own copy, as it would over the wire.
  if (target.kind === 'queue') {
    ctx.enqueue(target.queueId, structuredClone(event));
    return;
  }
  const maxAgeMs = target.retry.maximumEventAgeSeconds * 1000;
  const ageMs = () => ctx.clock().getTime() - acceptedAtMs;
  let attempts = 0;
  for (;;) {
    if (ctx.work.isCancelled) return;
    attempts++;
    const result = await invokeSafely(ctx.invoker, target.functionId, structuredClone(event));
    if (result.ok || ctx.work.isCancelled) return;

    const deadLetter = (reason: DeadLetter['reason']) =>
      ctx.deadLetter({
        ruleId,
        target: targetLabel(target),
        event,
        error: `${result.error.errorType}: ${result.error.errorMessage}`,
        attempts,
        reason,
      });
    if (attempts > target.retry.maximumRetryAttempts) return deadLetter('RetriesExhausted');
    const delay = retryDelayMs(attempts, ctx.retryBaseDelayMs, ctx.random);
    if (ageMs() + delay > maxAgeMs) return deadLetter('MaximumEventAgeExceeded');
    if (!(await ctx.work.sleep(delay))) return;
    if (ageMs() > maxAgeMs) return deadLetter('MaximumEventAgeExceeded');
  }
};
