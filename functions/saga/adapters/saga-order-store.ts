import { ITEM_ENTITY } from '#contracts/table-design';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { orderKey, ordersAwaitingRepairIndex, ordersByStatusIndex } from '#orders/adapters/order-keys';
import type { CancellationReason, OrderStatus, PaymentStatus } from '#orders/domain/order-status';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { SagaOrder, SagaOrderStore, Settlement, StatusChangeOutcome } from '../domain/ports';

/**
 * The saga's reads and writes of an order item (`ORDER#<id>` / `ORDER`, written by the orders
 * context). Every status change is conditional on the status it leaves, so the saga and a customer's
 * cancel can race and exactly one wins; each also moves the gsi2 status key and bumps `version`, as
 * the orders context's own writes do (their optimistic checks then see the saga's change).
 *
 * gsi3 (`ordersAwaitingRepairIndex`) marks an order a repair job must look at: a cancel leaves it
 * "settlement due" until the compensation has settled the payment and released the stock; a confirm
 * removes a "saga parked" mark.
 */

function sagaOrderOf(item: Record<string, unknown>): SagaOrder {
  const { id, status, items, payment, correlationId, cancellationReason, version } = item as unknown as SagaOrder;
  const awaitingRepair = typeof item.gsi3pk === 'string' ? item.gsi3pk : undefined;
  return { id, status, items, payment, correlationId, cancellationReason, version: Number(version), ...(awaitingRepair ? { awaitingRepair } : {}) };
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export async function findOrder(orderId: string): Promise<SagaOrder | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: orderKey(orderId), ConsistentRead: true }));
  return Item && Item.entity === ITEM_ENTITY.order ? sagaOrderOf(Item) : undefined;
}

/** pending → confirmed, with the payment shown as captured (and out of the parked queue, if a person had it there). */
export function confirmPendingOrder(orderId: string, now: Date): Promise<StatusChangeOutcome> {
  return changeStatus(orderId, 'pending', 'confirmed', now, { paymentStatus: 'captured', settlement: 'none' });
}

/**
 * pending → cancelled with the reason, the payment's status when known, and whether its settlement is
 * still due (then the settlement sweeper finds it, whatever happens to the compensation after this).
 */
export function cancelPendingOrder(
  orderId: string,
  reason: CancellationReason,
  now: Date,
  outcome: { paymentStatus?: PaymentStatus; settlement: Settlement },
): Promise<StatusChangeOutcome> {
  return changeStatus(orderId, 'pending', 'cancelled', now, {
    cancellationReason: reason,
    paymentStatus: outcome.paymentStatus,
    settlement: outcome.settlement,
  });
}

/**
 * On a cancelled order: shows its payment's status (the payment item stays the source of truth) and
 * records where its settlement stands: `settled` takes it out of the sweeper's queue, `due` puts it
 * (back) in with the time of this attempt, so the sweeper looks again a while after the last try.
 * The queue mark alone is bookkeeping: it changes neither `updatedAt` nor `version`.
 */
export async function recordSettlement(orderId: string, now: Date, outcome: { paymentStatus?: PaymentStatus; settlement: Settlement }): Promise<void> {
  const mark = settlementMark(orderId, now, outcome.settlement);
  const cancelled = { ':cancelled': 'cancelled' };
  if (outcome.paymentStatus) {
    const shown = await conditionalUpdate(
      orderId,
      `SET #payment.#status = :paymentStatus, updatedAt = :now${mark.sets} ADD version :one${mark.removes}`,
      '#status = :cancelled AND #payment.#status <> :paymentStatus',
      { ...cancelled, ...mark.values, ':paymentStatus': outcome.paymentStatus, ':now': now.toISOString(), ':one': 1 },
      { '#payment': 'payment' },
    );
    // Otherwise the payment already shows that status: only the mark may still need changing.
    if (shown) return;
  }
  if (outcome.settlement === 'settled')
    await conditionalUpdate(orderId, 'REMOVE gsi3pk, gsi3sk', '#status = :cancelled AND attribute_exists(gsi3pk)', cancelled);
  else await conditionalUpdate(orderId, `SET ${mark.sets.slice(2)}`, '#status = :cancelled', { ...cancelled, ...mark.values });
}

/** The update parts that put an order in the settlement queue (`due`) or take it out (`settled`). */
function settlementMark(orderId: string, now: Date, settlement: Settlement | 'none'): { sets: string; removes: string; values: Record<string, unknown> } {
  if (settlement !== 'due') return { sets: '', removes: ' REMOVE gsi3pk, gsi3sk', values: {} };
  return {
    sets: ', gsi3pk = :due, gsi3sk = :dueSk',
    removes: '',
    values: { ':due': ordersAwaitingRepairIndex.settlementDue, ':dueSk': ordersAwaitingRepairIndex.sortKey(now.toISOString(), orderId) },
  };
}

/** A conditional update of the order; false when the condition did not hold. */
async function conditionalUpdate(
  orderId: string,
  update: string,
  condition: string,
  values: Record<string, unknown>,
  names: Record<string, string> = {},
): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status', ...names },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/**
 * Parks a pending order whose saga was given up where a person (and the alarm) finds it, out of the
 * stranded-order reconciler's way. Only a pending order in no queue yet; answers whether it was parked now.
 */
export function parkPendingOrder(orderId: string, now: Date): Promise<boolean> {
  return conditionalUpdate(orderId, 'SET gsi3pk = :parked, gsi3sk = :sk', '#status = :pending AND attribute_not_exists(gsi3pk)', {
    ':parked': ordersAwaitingRepairIndex.sagaParked,
    ':sk': ordersAwaitingRepairIndex.sortKey(now.toISOString(), orderId),
    ':pending': 'pending',
  });
}

/**
 * One more start of a pending order's saga by a repair job (an Express saga is started again, having
 * no history to read): the count, kept on the order (bookkeeping: no version bump), or undefined when
 * the order is no longer pending.
 */
export async function countSagaRestart(orderId: string, now: Date): Promise<number | undefined> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: 'SET sagaRestartedAt = :now ADD sagaRestarts :one',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1, ':pending': 'pending' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.sagaRestarts);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return undefined;
  }
}

async function changeStatus(
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  now: Date,
  extra: { paymentStatus?: PaymentStatus; cancellationReason?: CancellationReason; settlement: Settlement | 'none' },
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
  const mark = settlementMark(orderId, now, extra.settlement);
  Object.assign(values, mark.values);
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: `SET ${sets.join(', ')}${mark.sets} ADD version :one${mark.removes}`,
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

/** The saga's order store on the stage's table. */
export const dynamoDbSagaOrders: SagaOrderStore = {
  find: findOrder,
  confirmPending: confirmPendingOrder,
  cancelPending: cancelPendingOrder,
  recordSettlement,
  parkPending: parkPendingOrder,
  countSagaRestart,
};
