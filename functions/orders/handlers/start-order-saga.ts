import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, tracer } from '../../shared/powertools';
import { ORDER_ENTITY } from '../adapters/order-item';

/** The env var through which this function learns the order saga's ARN (set by the saga issue's wiring). */
export const ORDER_SAGA_ARN_ENV = 'ORDER_SAGA_STATE_MACHINE_ARN';

/** What the saga starts with; deterministic per order, so a redelivered record starts the same execution. */
export interface OrderSagaInput {
  orderId: string;
  correlationId?: string;
}

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

/** The order a stream record created, if it is the INSERT of an order item. */
export function placedOrderOf(record: DynamoDBRecord): OrderSagaInput | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== ORDER_ENTITY || image.sk?.S !== 'ORDER' || !image.id?.S) return undefined;
  return image.correlationId?.S ? { orderId: image.id.S, correlationId: image.correlationId.S } : { orderId: image.id.S };
}

async function startSaga(stateMachineArn: string, input: OrderSagaInput): Promise<void> {
  try {
    // The execution name is the order id: Step Functions refuses a second execution of that name
    // (for 90 days), so however often this runs for one order, the saga starts once.
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: input.orderId, input: JSON.stringify(input) }));
    logger.info('order saga started', { orderId: input.orderId, correlationId: input.correlationId });
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    logger.info('order saga already started', { orderId: input.orderId, correlationId: input.correlationId });
  }
}

/**
 * Starts the order saga for every order the table gained (one part of the `followOrderChanges` stream
 * consumer, functions/orders/saga/handlers/follow-order-changes.ts). The write and
 * the start cannot be one transaction, so the start follows the write through the stream: the
 * stream holds the INSERT until a start succeeded (Lambda retries the failed records), and the
 * execution name makes every retry after a success a no-op. Records that are not new orders are skipped.
 */
export async function startOrderSagas(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const stateMachineArn = process.env[ORDER_SAGA_ARN_ENV];
  if (!stateMachineArn) throw new Error(`${ORDER_SAGA_ARN_ENV} is not set`);
  const batchItemFailures: DynamoDBBatchItemFailure[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const order = placedOrderOf(record);
      if (!order) return;
      try {
        await startSaga(stateMachineArn, order);
      } catch (error) {
        logger.error('could not start the order saga', { orderId: order.orderId, correlationId: order.correlationId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }),
  );
  return { batchItemFailures };
}

