import { ITEM_ENTITY } from '#contracts/table-design';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { CatalogPage, ProductRepository, ProductSaveOutcome } from '../domain/ports';
import type { Product, ProductWritePrecondition, StoredProduct } from '../domain/product';
import { startingStockRange, type StockAdjustmentOutcome } from '../domain/stock-adjustment';

/** Products live under `PRODUCT#<sku>` / `PRODUCT`, listed by sku through gsi1 `PRODUCTS` (docs/data-model.md). */
export const productKey = (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT' });
const CATALOG_PARTITION = 'PRODUCTS';
const CATALOG_INDEX = 'gsi1';

/**
 * Every write of a product item counts up its `version` (the API's ETag): the admin's PUT, stock
 * adjustments, and the saga's reservations and releases (which take their change from stockChange).
 * `if_not_exists`: an item written before versions existed starts from 0.
 */
const BUMP_VERSION = '#version = if_not_exists(#version, :zero) + :one';

/** The API's view of a stored item: only the product's own fields, never keys or bookkeeping. */
function toProduct(item: Record<string, unknown>): Product {
  const { sku, name, price, currency, stock, updatedAt } = item as unknown as Product;
  return { sku, name, price, currency, stock, updatedAt };
}

function toStoredProduct(item: Record<string, unknown>): StoredProduct {
  return { product: toProduct(item), version: typeof item.version === 'number' ? item.version : 0 };
}

async function findProduct(sku: string): Promise<StoredProduct | undefined> {
  // Consistent: the version read here is what a following If-Match is checked against.
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: productKey(sku), ConsistentRead: true }));
  return Item ? toStoredProduct(Item) : undefined;
}

/** The precondition as a DynamoDB condition: checked by the write itself, never read-then-write. */
function preconditionExpression(precondition: ProductWritePrecondition): { condition: string; values: Record<string, unknown> } {
  switch (precondition.kind) {
    case 'create':
      return { condition: 'attribute_not_exists(pk)', values: {} };
    case 'replace-any':
      return { condition: 'attribute_exists(pk)', values: {} };
    case 'replace': {
      const names = precondition.versions.map((_, index) => `:expected${index}`);
      // An item without a version is version 0 (written before versions existed).
      const unversioned = precondition.versions.includes(0) ? ' OR (attribute_exists(pk) AND attribute_not_exists(#version))' : '';
      return {
        condition: `(attribute_exists(pk) AND #version IN (${names.join(', ')}))${unversioned}`,
        values: Object.fromEntries(precondition.versions.map((version, index) => [names[index], version])),
      };
    }
  }
}

/**
 * Creates or replaces a product under the caller's precondition (If-None-Match: * creates only; an
 * If-Match replaces only the version the caller read), in one conditional update: a replacement
 * based on a stale read (stock sold or restocked since) changes nothing. An update, not a put, so
 * that attributes other contexts keep on the item survive a replacement.
 */
async function saveProduct(product: Product, precondition: ProductWritePrecondition): Promise<ProductSaveOutcome> {
  if (precondition.kind === 'replace' && precondition.versions.length === 0) return { kind: 'precondition-failed' };
  const { condition, values } = preconditionExpression(precondition);
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: productKey(product.sku),
        UpdateExpression: `SET entity = :entity, gsi1pk = :gsi1pk, gsi1sk = :sku, sku = :sku, #name = :name, price = :price, currency = :currency, stock = :stock, updatedAt = :updatedAt, ${BUMP_VERSION}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
        ExpressionAttributeValues: {
          ':entity': ITEM_ENTITY.product,
          ':gsi1pk': CATALOG_PARTITION,
          ':sku': product.sku,
          ':name': product.name,
          ':price': product.price,
          ':currency': product.currency,
          ':stock': product.stock,
          ':updatedAt': product.updatedAt,
          ':zero': 0,
          ':one': 1,
          ...values,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { kind: 'saved', stored: toStoredProduct(Attributes!) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { kind: 'precondition-failed' };
    throw error;
  }
}

/**
 * One page of the catalog in sku order, read from gsi1. Asks for one item more than the page so
 * that a page is only followed by a cursor when something follows it (no empty last page).
 */
async function listProducts(limit: number, afterSku?: string): Promise<CatalogPage> {
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
    UpdateExpression: `SET stock = stock + :delta, updatedAt = :now, ${BUMP_VERSION}`,
    ConditionExpression: 'attribute_exists(pk) AND stock BETWEEN :min AND :max',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':delta': delta, ':now': now.toISOString(), ':min': min, ':max': max, ':zero': 0, ':one': 1 },
  };
}

/** Applies a stock change in one conditional update: never a read-modify-write, so concurrent changes cannot lose one another. */
async function adjustStock(sku: string, delta: number, now: Date): Promise<StockAdjustmentOutcome<StoredProduct>> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({ ...stockChange(sku, delta, now), ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
    return { kind: 'adjusted', product: toStoredProduct(Attributes!) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The item as it was when the condition failed (raw attribute values: the document client does not unmarshall it).
    if (!error.Item) return { kind: 'unknown-product' };
    return { kind: 'out-of-range', stock: Number(error.Item.stock?.N ?? 0) };
  }
}

/** The catalog on the stage's table, through the sandbox's one client. */
export const dynamoDbProductRepository = (): ProductRepository => ({ find: findProduct, save: saveProduct, list: listProducts, adjustStock });
