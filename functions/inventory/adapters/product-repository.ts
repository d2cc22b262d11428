import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../shared/aws/document-client';
import type { Product } from '../domain/product';

/** Products live under `PRODUCT#<sku>` / `PRODUCT` (docs/data-model.md). */
const productKey = (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT' });

function toProduct(item: Record<string, unknown>): Product {
  const { sku, name, price, currency, stock, updatedAt } = item as unknown as Product;
  return { sku, name, price, currency, stock, updatedAt };
}

export async function findProduct(sku: string): Promise<Product | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: productKey(sku) }));
  return Item ? toProduct(Item) : undefined;
}

/** Creates or replaces a product; tells whether it existed before. */
export async function saveProduct(product: Product): Promise<{ created: boolean }> {
  const { Attributes } = await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...productKey(product.sku), entity: 'product', gsi1pk: 'PRODUCTS', gsi1sk: product.sku, ...product },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return { created: !Attributes };
}
