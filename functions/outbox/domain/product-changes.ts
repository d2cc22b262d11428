import { type EntityEventRules, subjectOf } from './event-draft';

/** The threshold of a product that does not set `lowStockThreshold`. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/**
 * Product item (`PRODUCT#<sku>` / `PRODUCT`) changes → inventory.low_stock when the stock goes from at
 * or above the product's threshold to below it. Comparing the old and new image makes it once per
 * crossing: further reservations while already low publish nothing, and only a restock above the
 * threshold followed by another fall counts again. The new image's threshold applies to both sides.
 */
export const productChangeEvents: EntityEventRules = (change) => {
  const before = change.oldImage;
  const after = change.newImage;
  if (change.eventName !== 'MODIFY' || !before || !after) return [];
  if (typeof before.stock !== 'number' || typeof after.stock !== 'number') return [];
  const threshold = typeof after.lowStockThreshold === 'number' ? after.lowStockThreshold : DEFAULT_LOW_STOCK_THRESHOLD;
  if (!(before.stock >= threshold && after.stock < threshold)) return [];
  return [
    {
      name: 'inventory.low_stock',
      data: { sku: after.sku as string, name: typeof after.name === 'string' ? after.name : undefined, stock: after.stock, threshold },
      subject: subjectOf('product', after.sku, after, change),
      correlationId: after.correlationId,
      occurredAt: after.updatedAt,
    },
  ];
};
