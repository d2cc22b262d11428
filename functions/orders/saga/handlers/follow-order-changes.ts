import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ORDER_SAGA_ARN_ENV, placedOrderOf, startOrderSaga } from '../../handlers/start-order-saga';
import { logger, tracer } from '../../../shared/powertools';
import { compensateCustomerCancellation, customerCancellationOf } from '../customer-cancellation';

/** What a record asks for: the saga of a placed order, the compensation of a customer cancel, or nothing. */
function followUpOf(record: DynamoDBRecord, sagaArn: string): { what: string; keys: { orderId: string; correlationId?: string }; run: () => Promise<unknown> } | undefined {
  const placed = placedOrderOf(record);
  if (placed) return { what: 'start the order saga', keys: placed, run: () => startOrderSaga(sagaArn, placed) };
  const cancellation = customerCancellationOf(record);
  if (cancellation) return { what: 'compensate the cancelled order', keys: cancellation, run: () => compensateCustomerCancellation(cancellation) };
  return undefined;
}

/**
 * The orders' one reader of the table stream (AWS advises at most two readers per shard; the events
 * outbox is the other): starts the saga of every order placed and compensates every customer
 * cancellation. A record whose follow-up failed is reported back, so Lambda delivers only those again;
 * each follow-up is idempotent (start by name, a stale task token is ignored).
 */
async function followOrderChanges(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const sagaArn = process.env[ORDER_SAGA_ARN_ENV];
  if (!sagaArn) throw new Error(`${ORDER_SAGA_ARN_ENV} is not set`);
  const batchItemFailures: DynamoDBBatchItemFailure[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const followUp = followUpOf(record, sagaArn);
      if (!followUp) return;
      try {
        await followUp.run();
      } catch (error) {
        logger.error(`could not ${followUp.what}`, { orderId: followUp.keys.orderId, correlationId: followUp.keys.correlationId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }),
  );
  return { batchItemFailures };
}

export const handler = middy(followOrderChanges).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger, { resetKeys: true }));
