import type { DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { compensateCustomerCancellation, customerCancellationOf } from './customer-cancellation';

/**
 * Every order a customer or an admin cancelled gets its compensation (customer-cancellation.ts); one
 * part of the `followOrderChanges` stream consumer (handlers/follow-order-changes.ts). A record whose follow-up failed is reported back, so Lambda delivers it
 * again; each follow-up is idempotent (start by name, a stale token is ignored).
 */
export async function compensateCancelledOrders(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchItemFailure[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const cancellation = customerCancellationOf(record);
      if (!cancellation) return;
      try {
        await compensateCustomerCancellation(cancellation);
      } catch (error) {
        logger.error('could not start the compensation of a cancelled order', {
          orderId: cancellation.orderId,
          correlationId: cancellation.correlationId,
          error: error as Error,
        });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }),
  );
  return { batchItemFailures };
}
