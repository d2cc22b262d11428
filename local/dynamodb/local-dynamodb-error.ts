/**
 * A failure to get a DynamoDB for the local runtime. Its message always says what to do next, because
 * it is printed as-is to whoever ran `npm start`.
 */
export class LocalDynamoDbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalDynamoDbError';
  }
}

/** The way out that always exists: use a DynamoDB somebody else runs. */
export const USE_EXISTING_DYNAMODB_HINT = 'or set DYNAMODB_ENDPOINT to a running DynamoDB (e.g. DynamoDB Local in Docker, or LocalStack)';
