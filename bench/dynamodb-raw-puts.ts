/**
 * DynamoDB Local's raw rate for the simplest write an order makes: a conditional PutItem
 * (`attribute_not_exists(pk)`), straight to DynamoDB Local (not through the runtime's proxy), at the
 * same concurrency as the order run. The storage bound of the order flow is this rate divided by the
 * DynamoDB calls one order makes.
 *
 * It also reads what one such call costs in CPU on each side: this process (the SDK client, and the
 * runtime's stream reader picking the put up, as it picks up an order's writes) and DynamoDB Local's JVM.
 * That is what the storage bound spends the cores on, and the least an order's calls can cost.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { type CpuMs, cpuMsEach, cpuSeconds } from './process-cpu';
import { runConcurrently } from './stats';

export interface ConditionalPutFigures {
  perSecond: number;
  /** CPU per put: the SDK client's (this process) and DynamoDB Local's. */
  cpuMsPerPut: CpuMs;
}

let runCount = 0;

export async function measureConditionalPuts(endpoint: string, tableName: string, puts: number, concurrency: number): Promise<ConditionalPutFigures> {
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
    const cpuBefore = cpuSeconds();
    const { elapsedMs } = await runConcurrently(puts, concurrency, put(`run-${runCount}`));
    return { perSecond: (puts / elapsedMs) * 1000, cpuMsPerPut: cpuMsEach(cpuBefore, cpuSeconds(), puts) };
  } finally {
    client.destroy();
  }
}
