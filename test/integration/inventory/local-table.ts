import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDesign } from '../../../lib/wiring/table';
import { localDynamoDbClientConfig } from '../../../local/dynamodb/client-config';
import { startDynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';
import { provisionTable } from '../../../local/dynamodb/table-provisioner';

export interface LocalTable {
  tableName: string;
  /** For arranging and inspecting data directly. */
  documentClient: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export const WEBHOOK_SECRET = 'integration-webhook-secret';

/**
 * Starts a DynamoDB Local of its own, creates the app's table in it exactly as the stack declares
 * it, and sets the environment the handlers read (table, endpoint, credentials, secrets). Call it
 * before the handlers are imported: their client is created at import.
 */
export async function startLocalTable(purpose: string): Promise<LocalTable> {
  const dynamodb = await startDynamoDbLocal();
  const tableName = `it-${purpose}-${process.pid}`;
  const client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.endpoint));
  try {
    await provisionTable(client, tableName, tableDesign);
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
  });
  return {
    tableName,
    documentClient: DynamoDBDocumentClient.from(client),
    stop: async () => {
      client.destroy();
      await dynamodb.stop();
    },
  };
}
