import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableDesign } from '#contracts/table-design';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startDynamoDbLocal } from '#local/dynamodb/dynamodb-local';
import { provisionTable } from '#local/dynamodb/table-provisioner';

export const WEBHOOK_SECRET = 'integration-webhook-secret';

export interface LocalTable {
  tableName: string;
  endpoint: string;
  streamArn: string;
  /** For arranging and inspecting items directly. */
  documentClient: DynamoDBDocumentClient;
  /** Every item whose pk starts with the prefix. */
  itemsWithPrefix(prefix: string): Promise<Record<string, any>[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  putProduct(product: { sku: string; name: string; price: number; currency: string; stock?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A DynamoDB Local of this test file's own, with the app's table exactly as the stack declares it,
 * and the environment handlers read (table, endpoint, credentials, secrets, plus `environment`).
 * Call it before importing handlers: their clients are created at import.
 */
export async function startLocalTable(purpose: string, environment: Record<string, string> = {}): Promise<LocalTable> {
  const dynamodb = await startDynamoDbLocal();
  const tableName = `it-${purpose}-${process.pid}`;
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
    CURSOR_SIGNING_KEY: 'integration-cursor-key',
    PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...environment,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    endpoint: dynamodb.endpoint,
    streamArn,
    documentClient,
    async itemsWithPrefix(prefix) {
      const items: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'begins_with(pk, :prefix)',
            ExpressionAttributeValues: { ':prefix': prefix },
            ExclusiveStartKey,
            ConsistentRead: true,
          }),
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
          Item: {
            pk: `PRODUCT#${product.sku}`,
            sk: 'PRODUCT',
            entity: 'product',
            gsi1pk: 'PRODUCTS',
            gsi1sk: product.sku,
            ...product,
            stock,
            updatedAt: new Date().toISOString(),
          },
        }),
      );
    },
    stop: async () => {
      client.destroy();
      await dynamodb.stop();
    },
  };
}
