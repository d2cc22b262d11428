import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { tableDesign } from '#contracts/table-design';

const IDEMPOTENCY_SORT_KEY = 'IDEMPOTENCY';

/**
 * Powertools' DynamoDB persistence in the single table, with one change: with `sortKeyAttr` Powertools
 * puts every record under one static partition key (`idempotency#<function>`), so every order
 * placement of the whole shop would write to one partition. Here each record is its own partition
 * (`IDEMPOTENCY#<prefix>#<hash>` / `IDEMPOTENCY`), like every other entity of the table.
 */
export class SpreadIdempotencyPersistenceLayer extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return { pk: { S: `IDEMPOTENCY#${idempotencyKey}` }, sk: { S: IDEMPOTENCY_SORT_KEY } };
  }
}

/** Where createOrder keeps its idempotency records: the stage's table, expiring through its TTL attribute. */
export function orderIdempotencyStore(tableName: string): SpreadIdempotencyPersistenceLayer {
  return new SpreadIdempotencyPersistenceLayer({
    tableName,
    keyAttr: tableDesign.partitionKey,
    sortKeyAttr: tableDesign.sortKey,
    expiryAttr: tableDesign.timeToLiveAttribute,
    awsSdkV3Client: new DynamoDBClient({}),
  });
}
