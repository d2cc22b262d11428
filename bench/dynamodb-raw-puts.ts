/**
 * DynamoDB Local's raw rate for the simplest write an order makes: a conditional PutItem
 * (`attribute_not_exists(pk)`), straight to DynamoDB Local (not through the runtime's proxy), at the
 * same concurrency as the order run. The storage bound of the order flow is this rate divided by the
 * DynamoDB calls one order makes.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { runConcurrently } from './stats';

let runCount = 0;

export async function measureConditionalPutsPerSecond(endpoint: string, tableName: string, puts: number, concurrency: number): Promise<number> {
  const client = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
  runCount += 1;
  const put = (prefix: string) => async (index: number) => {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: `BENCH#${prefix}#${index}` }, sk: { S: 'BENCH' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
  try {
    // The JVM compiles the hot path first: a short warm-up, not measured.
    await runConcurrently(Math.ceil(puts / 4), concurrency, put(`warm-up-${runCount}`));
    const { elapsedMs } = await runConcurrently(puts, concurrency, put(`run-${runCount}`));
    return (puts / elapsedMs) * 1000;
  } finally {
    client.destroy();
  }
}
