import type { Product, ProductWritePrecondition, StoredProduct } from './product';
import type { StockAdjustmentOutcome } from './stock-adjustment';

/** A save under a precondition: done, or refused because the precondition did not hold (nothing changed). */
export type ProductSaveOutcome = { kind: 'saved'; stored: StoredProduct } | { kind: 'precondition-failed' };

/** One page of the catalog in sku order, and the last sku on it when more follow. */
export interface CatalogPage {
  items: Product[];
  lastSku?: string;
}

/** Where the catalog lives. The DynamoDB adapter implements it (adapters/product-repository.ts). */
export interface ProductRepository {
  find(sku: string): Promise<StoredProduct | undefined>;
  save(product: Product, precondition: ProductWritePrecondition): Promise<ProductSaveOutcome>;
  list(limit: number, afterSku?: string): Promise<CatalogPage>;
  /** `stock += delta` in one conditional write, within 0..MAX_STOCK. */
  adjustStock(sku: string, delta: number, now: Date): Promise<StockAdjustmentOutcome<StoredProduct>>;
}

/** What the inventory use cases need; its handlers give them the DynamoDB adapter. */
export interface InventoryPorts {
  products: ProductRepository;
}
