import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, tracer } from '../../../shared/powertools';
import { compensateCustomerCancellation, customerCancellationOf } from '../customer-cancellation';

/**
 * DynamoDB stream consumer: every order a customer or an admin cancelled gets its compensation
 * (customer-cancellation.ts). A record whose follow-up failed is reported back, so Lambda delivers it
 * again; each follow-up is idempotent (start by name, a stale token is ignored).
 */
async function compensateCancelledOrders(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
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

export const handler = middy(compensateCancelledOrders).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger, { resetKeys: true }));
