import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { orderKey, ordersByStatusIndex } from '../../orders/adapters/order-keys';
import type { CancellationReason, OrderStatus, PaymentStatus } from '../../orders/domain/order-status';
import { documentClient, tableName } from '../../shared/aws/document-client';

/**
 * The saga's reads and writes of an order item (`ORDER#<id>` / `ORDER`, written by the orders
 * context). Every status change is conditional on the status it leaves, so the saga and a customer's
 * cancel can race and exactly one wins; each also moves the gsi2 status key and bumps `version`, as
 * the orders context's own writes do (their optimistic checks then see the saga's change).
 */

export interface SagaOrder {
  id: string;
  status: OrderStatus;
  items: { sku: string; quantity: number }[];
  payment: { id: string; status: PaymentStatus };
  correlationId?: string;
  cancellationReason?: CancellationReason;
  version: number;
}

function sagaOrderOf(item: Record<string, unknown>): SagaOrder {
  const { id, status, items, payment, correlationId, cancellationReason, version } = item as unknown as SagaOrder;
  return { id, status, items, payment, correlationId, cancellationReason, version: Number(version) };
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export async function findOrder(orderId: string): Promise<SagaOrder | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: orderKey(orderId), ConsistentRead: true }));
  return Item && Item.entity === 'order' ? sagaOrderOf(Item) : undefined;
}

/** The outcome of a conditional status change: made, or the order as it is instead (undefined: no such order). */
export type StatusChangeOutcome = { changed: true } | { changed: false; current?: SagaOrder };

/** pending → confirmed, with the payment shown as captured. */
export function confirmPendingOrder(orderId: string, now: Date): Promise<StatusChangeOutcome> {
  return changeStatus(orderId, 'pending', 'confirmed', now, { paymentStatus: 'captured' });
}

/** pending → cancelled with the reason, and the payment's settled status when it is known. */
export function cancelPendingOrder(orderId: string, reason: CancellationReason, now: Date, paymentStatus?: PaymentStatus): Promise<StatusChangeOutcome> {
  return changeStatus(orderId, 'pending', 'cancelled', now, { cancellationReason: reason, paymentStatus });
}

/** Shows a cancelled order's settled payment status (the payment item stays the source of truth). No write when it already shows it. */
export async function recordPaymentStatus(orderId: string, paymentStatus: PaymentStatus, now: Date): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: 'SET #payment.#status = :paymentStatus, updatedAt = :now ADD version :one',
        ConditionExpression: '#status = :cancelled AND #payment.#status <> :paymentStatus',
        ExpressionAttributeNames: { '#payment': 'payment', '#status': 'status' },
        ExpressionAttributeValues: { ':paymentStatus': paymentStatus, ':cancelled': 'cancelled', ':now': now.toISOString(), ':one': 1 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

async function changeStatus(
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  now: Date,
  extra: { paymentStatus?: PaymentStatus; cancellationReason?: CancellationReason },
): Promise<StatusChangeOutcome> {
  const sets = ['#status = :to', 'gsi2pk = :gsi2pk', 'updatedAt = :now'];
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to, ':from': from, ':gsi2pk': ordersByStatusIndex.partitionKey(to), ':now': now.toISOString(), ':one': 1 };
  if (extra.paymentStatus) {
    sets.push('#payment.#status = :paymentStatus');
    names['#payment'] = 'payment';
    values[':paymentStatus'] = extra.paymentStatus;
  }
  if (extra.cancellationReason) {
    sets.push('cancellationReason = :reason');
    values[':reason'] = extra.cancellationReason;
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
        ConditionExpression: 'attribute_exists(pk) AND #status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return { changed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { changed: false, current: await findOrder(orderId) };
  }
}
