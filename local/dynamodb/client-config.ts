import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION } from '../local-identity';

/**
 * SDK client settings for a local DynamoDB endpoint. The credentials are placeholders: DynamoDB Local
 * accepts any key made of letters and digits only, and runs with -sharedDb so every client sees the
 * same tables whatever key or region it signs with.
 */
export function localDynamoDbClientConfig(endpoint: string, overrides: Partial<DynamoDBClientConfig> = {}): DynamoDBClientConfig {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...overrides,
  };
}
