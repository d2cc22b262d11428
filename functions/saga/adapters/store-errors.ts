import { StoreBusy } from '../domain/saga-errors';

/**
 * DynamoDB answers that mean "try again shortly" (throttling, a transaction colliding with another
 * on the same item, a blip): a step turns them into StoreBusy, which the state machine retries with
 * backoff and jitter. The SDK has already retried the plain ones a few times by then.
 */
const TRANSIENT_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  'TimeoutError',
]);

const TRANSIENT_CANCELLATION_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** A cancelled transaction that failed only because of contention or throttling (no condition failed). */
export function isTransientCancellation(reasons: readonly { Code?: string }[] | undefined): boolean {
  const codes = (reasons ?? []).map((reason) => reason.Code ?? 'None');
  return !codes.includes('ConditionalCheckFailed') && codes.some((code) => TRANSIENT_CANCELLATION_CODES.has(code));
}

export function asStoreBusy(error: unknown): unknown {
  const name = (error as Error | undefined)?.name;
  if (name && TRANSIENT_ERRORS.has(name)) return new StoreBusy(`DynamoDB is busy (${name}): ${(error as Error).message}`);
  if (name === 'TransactionCanceledException' && isTransientCancellation((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons)) {
    return new StoreBusy(`a transaction collided with another: ${(error as Error).message}`);
  }
  return error;
}
