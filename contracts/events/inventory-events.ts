import * as z from 'zod';
import { entityIdField, quantityField, skuField } from './event-fields';

/** Data of the `ordersaga.inventory` events, one schema per event and version. */

const reservedItems = z.array(z.object({ sku: skuField, quantity: quantityField })).min(1);

export const inventoryReservedV1 = z
  .object({ orderId: entityIdField, items: reservedItems })
  .describe('Stock for every item of an order was reserved (all or nothing).');

export const inventoryReleasedV1 = z
  .object({ orderId: entityIdField, items: reservedItems })
  .describe('A reservation was released (compensation): the stock is available again.');

export const inventoryLowStockV1 = z
  .object({
    sku: skuField,
    name: z.string().optional(),
    stock: z.number().int().min(0).describe('Stock after the change.'),
    threshold: z.number().int().min(0).describe("The product's low-stock threshold the stock fell below."),
  })
  .describe("A product's stock fell below its low-stock threshold (once per crossing).");
