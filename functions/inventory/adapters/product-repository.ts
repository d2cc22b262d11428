import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../shared/aws/document-client';
import type { Product } from '../domain/product';
import { startingStockRange, type StockAdjustmentOutcome } from '../domain/stock-adjustment';

/** Products live under `PRODUCT#<sku>` / `PRODUCT`, listed by sku through gsi1 `PRODUCTS` (docs/data-model.md). */
export const productKey = (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT' });
const CATALOG_PARTITION = 'PRODUCTS';
const CATALOG_INDEX = 'gsi1';

/** The API's view of a stored item: only the product's own fields, never keys or bookkeeping. */
function toProduct(item: Record<string, unknown>): Product {
  const { sku, name, price, currency, stock, updatedAt } = item as unknown as Product;
  return { sku, name, price, currency, stock, updatedAt };
}

export async function findProduct(sku: string): Promise<Product | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: productKey(sku) }));
  return Item ? toProduct(Item) : undefined;
}

/**
 * Creates or replaces a product; tells whether it existed before. An update (not a put) so that
 * attributes other contexts keep on the item survive a replacement; ALL_OLD answers atomically
 * whether this call created it, even when two PUTs race.
 */
export async function saveProduct(product: Product): Promise<{ created: boolean }> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: productKey(product.sku),
      UpdateExpression:
        'SET entity = :entity, gsi1pk = :gsi1pk, gsi1sk = :sku, sku = :sku, #name = :name, price = :price, currency = :currency, stock = :stock, updatedAt = :updatedAt',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':entity': 'product',
        ':gsi1pk': CATALOG_PARTITION,
        ':sku': product.sku,
        ':name': product.name,
        ':price': product.price,
        ':currency': product.currency,
        ':stock': product.stock,
        ':updatedAt': product.updatedAt,
      },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return { created: !Attributes };
}

/**
 * One page of the catalog in sku order, read from gsi1. Asks for one item more than the page so
 * that a page is only followed by a cursor when something follows it (no empty last page).
 */
export async function listProducts(limit: number, afterSku?: string): Promise<{ items: Product[]; lastSku?: string }> {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: CATALOG_INDEX,
      KeyConditionExpression: afterSku ? 'gsi1pk = :catalog AND gsi1sk > :after' : 'gsi1pk = :catalog',
      ExpressionAttributeValues: { ':catalog': CATALOG_PARTITION, ...(afterSku ? { ':after': afterSku } : {}) },
      Limit: limit + 1,
    }),
  );
  const items = Items.slice(0, limit).map(toProduct);
  return { items, lastSku: Items.length > limit ? items[items.length - 1]!.sku : undefined };
}

/**
 * The atomic stock change `stock = stock + delta`, conditional on the product existing and the
 * result staying within 0..MAX_STOCK. A plain Update input, so the saga can put the same change
 * into a TransactWriteItems (all items of an order reserved or none) and it is checked the same way.
 */
export function stockChange(sku: string, delta: number, now: Date): UpdateCommandInput & { ConditionExpression: string } {
  const { min, max } = startingStockRange(delta);
  return {
    TableName: tableName(),
    Key: productKey(sku),
    UpdateExpression: 'SET stock = stock + :delta, updatedAt = :now',
    ConditionExpression: 'attribute_exists(pk) AND stock BETWEEN :min AND :max',
    ExpressionAttributeValues: { ':delta': delta, ':now': now.toISOString(), ':min': min, ':max': max },
  };
}

/** Applies a stock change in one conditional update: never a read-modify-write, so concurrent changes cannot lose one another. */
export async function adjustStock(sku: string, delta: number, now: Date): Promise<StockAdjustmentOutcome<Product>> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({ ...stockChange(sku, delta, now), ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
    return { kind: 'adjusted', product: toProduct(Attributes!) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The item as it was when the condition failed (raw attribute values: the document client does not unmarshall it).
    if (!error.Item) return { kind: 'unknown-product' };
    return { kind: 'out-of-range', stock: Number(error.Item.stock?.N ?? 0) };
  }
}
