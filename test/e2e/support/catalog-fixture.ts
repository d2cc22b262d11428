import type { ApiCall } from './api-client';
import type { RunScope } from './run-scope';

export interface ProductFixture {
  name: string;
  price: number;
  stock: number;
}

/**
 * Puts a suite's own products through the API as an admin (PUT /products/{sku} with `If-None-Match: *`:
 * create only), under skus unique to the run, and returns each one's sku by its key. A suite never
 * depends on the catalog `npm start` seeds, nor on stock that earlier runs against the same stack used up.
 */
export async function putProducts<K extends string>(
  call: ApiCall,
  adminToken: string,
  scope: RunScope,
  products: Record<K, ProductFixture>,
): Promise<Record<K, string>> {
  const skus = {} as Record<K, string>;
  for (const [key, product] of Object.entries(products) as [K, ProductFixture][]) {
    const sku = scope.name(key);
    const { response, error } = await call.typed(adminToken).PUT('/api/v1/products/{sku}', {
      params: { path: { sku }, header: { 'If-None-Match': '*' } },
      body: { ...product, currency: 'EUR' },
    });
    if (response.status !== 201) throw new Error(`putting product ${sku} answered ${response.status}: ${JSON.stringify(error)}`);
    skus[key] = sku;
  }
  return skus;
}
