import type { DynamoDBRecord } from 'aws-lambda';
import { ITEM_ENTITY } from '#contracts/table-design';
import type { CustomerCancellation, OrderSagaInput } from '../domain/saga-messages';

/**
 * The order changes the saga follows on the table's stream, read from their records. Only these
 * records invoke followOrderChanges: its event filters (../wiring.ts) select the same changes.
 */

/** The order a stream record created, if it is the INSERT of an order item. */
export function placedOrderOf(record: DynamoDBRecord): OrderSagaInput | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== ITEM_ENTITY.order || image.sk?.S !== 'ORDER' || !image.id?.S) return undefined;
  return image.correlationId?.S ? { orderId: image.id.S, correlationId: image.correlationId.S } : { orderId: image.id.S };
}

/** Just the strings of a stream image we read (the stream carries DynamoDB JSON). */
type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

/** The customer cancellation a stream record shows, if it is one (MODIFY of an order from pending|confirmed to cancelled by the customer). */
export function customerCancellationOf(record: DynamoDBRecord): CustomerCancellation | undefined {
  const after: Image | undefined = record.dynamodb?.NewImage;
  const before: Image | undefined = record.dynamodb?.OldImage;
  if (record.eventName !== 'MODIFY' || !after || !before) return undefined;
  if (
    after.entity?.S !== ITEM_ENTITY.order ||
    after.sk?.S !== 'ORDER' ||
    after.status?.S !== 'cancelled' ||
    after.cancellationReason?.S !== 'customer_cancelled'
  )
    return undefined;
  const previousStatus = before.status?.S;
  if (previousStatus !== 'pending' && previousStatus !== 'confirmed') return undefined;
  const orderId = after.id?.S;
  const paymentId = after.payment?.M?.id?.S;
  if (!orderId || !paymentId) return undefined;
  return { orderId, previousStatus, paymentId, ...(after.correlationId?.S ? { correlationId: after.correlationId.S } : {}) };
}
