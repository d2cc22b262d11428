import type { CatalogReader } from '#orders/domain/ports';
import type { CatalogPrice } from '#orders/domain/pricing';

/** A catalog to price orders from in handler unit tests. */
export class InMemoryCatalog implements CatalogReader {
  readonly products = new Map<string, CatalogPrice>();

  set(...products: CatalogPrice[]): void {
    for (const product of products) this.products.set(product.sku, product);
  }

  async pricesOf(skus: readonly string[]): Promise<Map<string, CatalogPrice>> {
    return new Map(skus.flatMap((sku) => (this.products.has(sku) ? [[sku, { ...this.products.get(sku)! }] as const] : [])));
  }
}
