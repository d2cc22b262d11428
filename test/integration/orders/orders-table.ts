import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableDesign } from '../../../lib/wiring/table';
import { localDynamoDbClientConfig } from '../../../local/dynamodb/client-config';
import { startDynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';
import { provisionTable } from '../../../local/dynamodb/table-provisioner';

export interface OrdersTable {
  tableName: string;
  endpoint: string;
  streamArn: string;
  /** For arranging and inspecting items directly. */
  documentClient: DynamoDBDocumentClient;
  /** Every item whose pk starts with the prefix. */
  itemsWithPrefix(prefix: string): Promise<Record<string, any>[]>;
  putProduct(product: { sku: string; name: string; price: number; currency: string; stock?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A DynamoDB Local of this test file's own, with the app's table exactly as the stack declares it,
 * and the environment the orders handlers read. Call it before importing the handlers: their
 * clients and idempotency store are created at import.
 */
export async function startOrdersTable(purpose: string): Promise<OrdersTable> {
  const dynamodb = await startDynamoDbLocal();
  const tableName = `it-orders-${purpose}-${process.pid}`;
  const client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
  let streamArn: string;
  try {
    ({ streamArn } = await provisionTable(client, tableName, tableDesign));
  } catch (error) {
    client.destroy();
    await dynamodb.stop();
    throw error;
  }
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: 'createOrder',
    CURSOR_SIGNING_KEY: 'integration-cursor-key',
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    endpoint: dynamodb.endpoint,
    streamArn,
    documentClient,
    async itemsWithPrefix(prefix) {
      const items: Record<string, any>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new ScanCommand({ TableName: tableName, FilterExpression: 'begins_with(pk, :prefix)', ExpressionAttributeValues: { ':prefix': prefix }, ExclusiveStartKey, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async putProduct({ stock = 10, ...product }) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `PRODUCT#${product.sku}`, sk: 'PRODUCT', entity: 'product', gsi1pk: 'PRODUCTS', gsi1sk: product.sku, ...product, stock, updatedAt: new Date().toISOString() },
        }),
      );
    },
    stop: async () => {
      client.destroy();
      await dynamodb.stop();
    },
  };
}

export const CATALOG = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', price: 2490, currency: 'EUR' },
  { sku: 'SKU-2', name: 'Ceramic mug', price: 1290, currency: 'EUR' },
  { sku: 'USD-1', name: 'Imported kettle', price: 5000, currency: 'USD' },
];
