import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBRecord } from 'aws-lambda';
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

/**
 * Starts the order saga of a placed order (the `followOrderChanges` stream consumer calls it). The write
 * and the start cannot be one transaction, so the start follows the write through the stream: the
 * stream holds the INSERT until a start succeeded, and the execution name makes every retry after a
 * success a no-op.
 */
export async function startOrderSaga(stateMachineArn: string, input: OrderSagaInput): Promise<void> {
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
