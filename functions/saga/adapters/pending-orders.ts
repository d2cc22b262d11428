import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ordersByStatusIndex } from '#orders/adapters/order-keys';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { PendingOrder, PendingOrderPage, PendingOrders } from '../domain/ports';

const QUERY_PAGE = 100;

/**
 * Up to `limit` pending orders placed before `cutoff`, oldest first, after the position `after` (or
 * from the oldest), read from gsi2 (`ORDER_STATUS#pending`, sort key `<createdAt>#<orderId>`, so
 * `< cutoff` is "placed before"). Orders parked for a person (gsi3 set) are skipped: they are no longer
 * the reconciler's. A run that finds more than `limit` answers where the next run resumes, so a pile of
 * old orders cannot hide newer ones from the reconciler forever.
 */
export async function pendingOrdersPlacedBefore(cutoff: Date, limit: number, after?: string): Promise<PendingOrderPage> {
  const orders: PendingOrder[] = [];
  let startKey: Record<string, unknown> | undefined;
  const upTo = cutoff.toISOString();
  if (after !== undefined && after >= upTo) return { orders };
  do {
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: ordersByStatusIndex.name,
        KeyConditionExpression: after === undefined ? 'gsi2pk = :pending AND gsi2sk < :cutoff' : 'gsi2pk = :pending AND gsi2sk BETWEEN :after AND :cutoff',
        FilterExpression: 'attribute_not_exists(gsi3pk)',
        ExpressionAttributeValues: {
          ':pending': ordersByStatusIndex.partitionKey('pending'),
          ':cutoff': upTo,
          ...(after === undefined ? {} : { ':after': after }),
        },
        ProjectionExpression: 'id, correlationId, createdAt, gsi2sk',
        ScanIndexForward: true,
        Limit: QUERY_PAGE,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const [index, item] of Items.entries()) {
      const position = String(item.gsi2sk);
      // BETWEEN includes both ends: the position resumed after was handled by the last run, and the cutoff itself is not "before".
      if (position === after || position >= upTo) continue;
      orders.push({
        orderId: String(item.id),
        correlationId: typeof item.correlationId === 'string' ? item.correlationId : undefined,
        createdAt: String(item.createdAt),
        position,
      });
      if (orders.length >= limit) {
        const more = index < Items.length - 1 || LastEvaluatedKey !== undefined;
        return { orders, resumeAfter: more ? position : undefined };
      }
    }
    startKey = LastEvaluatedKey;
  } while (startKey);
  return { orders };
}

/**
 * Where the reconciler resumes, kept between runs in one item (`SAGA_RECONCILER#stranded-orders` /
 * `CURSOR`). Two runs at once may both move it: harmless, every start and redrive is idempotent.
 */
const cursorKey = { pk: 'SAGA_RECONCILER#stranded-orders', sk: 'CURSOR' };

export async function readReconcilerCursor(): Promise<string | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: cursorKey, ConsistentRead: true }));
  return typeof Item?.after === 'string' ? Item.after : undefined;
}

/** `undefined`: the next run starts again from the oldest pending order. */
export async function writeReconcilerCursor(after: string | undefined, now: Date): Promise<void> {
  if (after === undefined) {
    await documentClient.send(new DeleteCommand({ TableName: tableName(), Key: cursorKey }));
    return;
  }
  await documentClient.send(
    new PutCommand({ TableName: tableName(), Item: { ...cursorKey, entity: 'reconcilerCursor', after, updatedAt: now.toISOString() } }),
  );
}

/** The reconciler's view of pending orders on the stage's table. */
export const dynamoDbPendingOrders: PendingOrders = {
  placedBefore: pendingOrdersPlacedBefore,
  readCursor: readReconcilerCursor,
  writeCursor: writeReconcilerCursor,
};
