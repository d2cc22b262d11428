import type { InvokeResult } from '../lambda/function-invoker';

/** How Lambda reads a stream batch's invocation result (ReportBatchItemFailures on). */
export type StreamBatchOutcome =
  | { kind: 'success' }
  /** Retry from this index of the batch (the lowest reported sequence number). */
  | { kind: 'partialFailure'; failedIndex: number }
  | { kind: 'failure'; reason: string };

/**
 * A function error fails the whole batch. A result is a complete success when batchItemFailures is
 * missing, null or empty (or the response is empty); it is a complete failure when an itemIdentifier is
 * empty, null or not a sequence number of the batch; otherwise Lambda checkpoints before the lowest
 * failed sequence number. (Lambda's "Configuring partial batch response with DynamoDB".)
 */
export function interpretStreamBatchResult(result: InvokeResult, sequenceNumbers: string[]): StreamBatchOutcome {
  if (!result.ok) return { kind: 'failure', reason: `${result.error.errorType}: ${result.error.errorMessage}` };
  const payload = result.payload as { batchItemFailures?: unknown } | null | undefined;
  const failures = payload && typeof payload === 'object' ? payload.batchItemFailures : undefined;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures as unknown[]) {
    const identifier = failure && typeof failure === 'object' ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    const index = typeof identifier === 'string' && identifier !== '' ? sequenceNumbers.indexOf(identifier) : -1;
    if (index < 0) return { kind: 'failure', reason: `invalid batch item failure ${JSON.stringify(failure)}` };
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partialFailure', failedIndex: lowest };
}
