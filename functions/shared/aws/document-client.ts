import { ENVIRONMENT } from '#contracts/environment';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryTransactionConflicts } from './transaction-conflicts';

/**
 * One client per sandbox, created at cold start; the endpoint comes from the environment
 * (AWS_ENDPOINT_URL_DYNAMODB locally). A request that meets a transaction in flight is sent again
 * (transaction-conflicts.ts), for every adapter that uses it.
 */
export const documentClient = DynamoDBDocumentClient.from(retryTransactionConflicts(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

export function tableName(): string {
  const name = process.env[ENVIRONMENT.tableName];
  if (!name) throw new Error(`${ENVIRONMENT.tableName} is not set`);
  return name;
}
