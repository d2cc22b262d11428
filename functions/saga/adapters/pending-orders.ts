import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ordersByStatusIndex } from '../../orders/adapters/order-keys';
import { documentClient, tableName } from '../../shared/aws/document-client';

/** A pending order as the reconciler needs it: enough to start its saga with the same input as the stream consumer. */
export interface PendingOrder {
  orderId: string;
  correlationId?: string;
  createdAt: string;
}

/**
 * Pending orders placed before `cutoff`, oldest first, read from gsi2 (`ORDER_STATUS#pending`, sort key
 * `<createdAt>#<orderId>`, so `< cutoff` is "placed before"). Stops after `limit` orders: a run that
 * finds more leaves the rest to the next run rather than outliving its timeout.
 */
export async function* pendingOrdersPlacedBefore(cutoff: Date, limit: number): AsyncGenerator<PendingOrder> {
  let startKey: Record<string, unknown> | undefined;
  let yielded = 0;
  do {
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: ordersByStatusIndex.name,
        KeyConditionExpression: 'gsi2pk = :pending AND gsi2sk < :cutoff',
        ExpressionAttributeValues: { ':pending': ordersByStatusIndex.partitionKey('pending'), ':cutoff': cutoff.toISOString() },
        ProjectionExpression: 'id, correlationId, createdAt',
        ScanIndexForward: true,
        Limit: Math.min(100, limit - yielded),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of Items) {
      yield { orderId: String(item.id), correlationId: typeof item.correlationId === 'string' ? item.correlationId : undefined, createdAt: String(item.createdAt) };
      yielded += 1;
    }
    startKey = LastEvaluatedKey;
  } while (startKey && yielded < limit);
}
