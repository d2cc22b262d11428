import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ordersAwaitingRepairIndex } from '#orders/adapters/order-keys';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { OrdersAwaitingRepair, SettlementDueOrder } from '../domain/ports';

/**
 * The repair queues of gsi3 (orders/adapters/order-keys.ts, `ordersAwaitingRepairIndex`): sparse, so a
 * query reads only the orders still waiting, never the table's history.
 */

/** Cancelled orders whose payment or stock is not settled and that nobody has tried to settle since `before`, oldest attempt first. */
export async function settlementDueOrders(before: Date, limit: number): Promise<SettlementDueOrder[]> {
  const orders: SettlementDueOrder[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: ordersAwaitingRepairIndex.name,
        KeyConditionExpression: 'gsi3pk = :due AND gsi3sk < :before',
        ExpressionAttributeValues: { ':due': ordersAwaitingRepairIndex.settlementDue, ':before': before.toISOString() },
        ProjectionExpression: 'id, correlationId, gsi3sk',
        ScanIndexForward: true,
        Limit: Math.min(100, limit - orders.length),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of Items) {
      orders.push({
        orderId: String(item.id),
        correlationId: typeof item.correlationId === 'string' ? item.correlationId : undefined,
        since: String(item.gsi3sk).split('#')[0]!,
      });
    }
    startKey = LastEvaluatedKey;
  } while (startKey && orders.length < limit);
  return orders;
}

/** How many pending orders are parked for a person (their saga was given up). */
export async function countParkedOrders(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const { Count = 0, LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: ordersAwaitingRepairIndex.name,
        KeyConditionExpression: 'gsi3pk = :parked',
        ExpressionAttributeValues: { ':parked': ordersAwaitingRepairIndex.sagaParked },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += Count;
    startKey = LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** The repair queues on the stage's table (gsi3). */
export const dynamoDbOrdersAwaitingRepair: OrdersAwaitingRepair = { settlementDue: settlementDueOrders, countParked: countParkedOrders };
