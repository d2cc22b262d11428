import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_ENTITY } from '#contracts/table-design';

/** An order as the console lists it. */
export interface OrderSummary {
  id: string;
  customerId: string;
  status: string;
  totalAmount: number;
  currency: string;
  createdAt: string;
  updatedAt?: string;
}

/**
 * Reads the local table for the console: the orders, and every item of one order. Scans, which a
 * deployed table would not afford, are fine on a developer's table of a few thousand items; the
 * runtime's own client reads, so the reads are not counted as the functions' traffic.
 */
export class TableBrowser {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client);
  }

  /** The orders, newest first (at most `limit`). */
  async orders(limit = 200): Promise<OrderSummary[]> {
    const items = await this.scan('entity = :order', { ':order': ITEM_ENTITY.order });
    return items
      .map((item) => ({
        id: String(item.id),
        customerId: String(item.customerId),
        status: String(item.status),
        totalAmount: Number(item.totalAmount),
        currency: String(item.currency),
        createdAt: String(item.createdAt),
        updatedAt: item.updatedAt === undefined ? undefined : String(item.updatedAt),
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .slice(0, limit);
  }

  /**
   * Every item of an order, whatever its entity: those whose key names the order (the order, its
   * reservation, its notification records) and those that carry its id (its payment, ledgers).
   */
  async itemsOf(orderId: string): Promise<Record<string, unknown>[]> {
    const items = await this.scan('contains(pk, :id) OR contains(sk, :id) OR orderId = :id OR id = :id', { ':id': orderId });
    return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
  }

  private async scan(filter: string, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({ TableName: this.tableName, FilterExpression: filter, ExpressionAttributeValues: values, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
