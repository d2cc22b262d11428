import { ENVIRONMENT } from '#contracts/environment';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One client per sandbox, created at cold start; the endpoint comes from the environment (AWS_ENDPOINT_URL_DYNAMODB locally). */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export function tableName(): string {
  const name = process.env[ENVIRONMENT.tableName];
  if (!name) throw new Error(`${ENVIRONMENT.tableName} is not set`);
  return name;
}
