import type { InventoryPorts, ProductSaveOutcome } from '../domain/ports';
import { type ProductInput, type ProductWritePrecondition, productFrom, type StoredProduct } from '../domain/product';
import type { StockAdjustmentOutcome } from '../domain/stock-adjustment';

/** The catalog's use cases on one product, on the inventory context's ports (the listing: list-catalog.ts). */

export const findProduct = ({ products }: InventoryPorts, sku: string): Promise<StoredProduct | undefined> => products.find(sku);

/** Creates or replaces a product, only where the caller's precondition holds. */
export const saveProduct = (
  { products }: InventoryPorts,
  sku: string,
  input: ProductInput,
  precondition: ProductWritePrecondition,
  now = new Date(),
): Promise<ProductSaveOutcome> => products.save(productFrom(sku, input, now), precondition);

/** Adds `delta` to a product's stock atomically, never below 0 nor above the maximum. */
export const adjustStock = ({ products }: InventoryPorts, sku: string, delta: number, now = new Date()): Promise<StockAdjustmentOutcome<StoredProduct>> =>
  products.adjustStock(sku, delta, now);
