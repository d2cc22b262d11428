import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogReader } from '../domain/ports';
import type { CatalogPrice } from '../domain/pricing';
import { productKey } from './order-keys';

/** BatchGet may leave keys unprocessed under load; retried a few times with a short backoff. */
const MAX_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Reads current prices from the catalog's product items (`PRODUCT#<sku>` / `PRODUCT`). */
export class DynamoDbCatalogReader implements CatalogReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: () => string,
  ) {}

  async pricesOf(skus: readonly string[]): Promise<Map<string, CatalogPrice>> {
    const prices = new Map<string, CatalogPrice>();
    // An order has at most 50 lines; BatchGet takes 100 keys.
    let keys: Record<string, unknown>[] = [...new Set(skus)].map(productKey);
    for (let attempt = 1; keys.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`catalog read left ${keys.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await sleep(25 * 2 ** attempt * Math.random());
      const table = this.table();
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'sku, #name, price, currency', ExpressionAttributeNames: { '#name': 'name' } },
          },
        }),
      );
      for (const item of Responses?.[table] ?? []) {
        const { sku, name, price, currency } = item as CatalogPrice;
        prices.set(sku, { sku, name, price, currency });
      }
      keys = (UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    return prices;
  }
}
