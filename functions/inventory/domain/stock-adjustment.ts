import * as z from 'zod';
import { MAX_STOCK } from './product';

/**
 * Body of adjustStock: a non-zero integer delta. Written as a union of
 * the positive and the negative range (not a refinement) so the JSON Schema, and with it the
 * gateway's request model, rejects 0 as the handler does.
 */
export const stockAdjustmentSchema = z
  .strictObject({
    delta: z
      .union([z.number().int().min(1).max(MAX_STOCK), z.number().int().min(-MAX_STOCK).max(-1)], {
        error: `a non-zero integer from -${MAX_STOCK} to ${MAX_STOCK}`,
      })
      .describe('Units to add (positive) or remove (negative); never 0'),
  })
  .meta({ id: 'StockAdjustment', description: "A relative change of a product's stock." });

export type StockAdjustment = z.infer<typeof stockAdjustmentSchema>;

/**
 * What an adjustment did. The check itself runs inside DynamoDB (a conditional update), because
 * adjustments and saga reservations race on the same item; this is only how its answer reads.
 */
export type StockAdjustmentOutcome<P> =
  | { kind: 'adjusted'; product: P }
  | { kind: 'unknown-product' }
  /** The change would take stock below 0 or above MAX_STOCK; `stock` is what the item held. */
  | { kind: 'out-of-range'; stock: number };

/** The bounds a delta must keep stock within, as the lowest and highest stock it may start from. */
export function startingStockRange(delta: number): { min: number; max: number } {
  return { min: Math.max(0, -delta), max: Math.min(MAX_STOCK, MAX_STOCK - delta) };
}
