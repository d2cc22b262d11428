import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { startOrderSagas } from '../../handlers/start-order-saga';
import { logger, tracer } from '../../../shared/powertools';
import { compensateCancelledOrders } from '../compensate-cancelled-orders';

/**
 * The orders' one reader of the table stream (AWS advises at most two readers per shard; the events
 * outbox is the other): starts the saga of every order placed and compensates every customer
 * cancellation. Each part skips the records that are not its own, so a record is handled once, and
 * reports the records it failed; Lambda delivers only those again, and each part is idempotent.
 */
async function followOrderChanges(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const [started, compensated] = await Promise.all([startOrderSagas(event), compensateCancelledOrders(event)]);
  return { batchItemFailures: [...started.batchItemFailures, ...compensated.batchItemFailures] };
}

export const handler = middy(followOrderChanges).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger, { resetKeys: true }));
