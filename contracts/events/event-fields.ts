import * as z from 'zod';

/** Field schemas shared by several events, so the same thing is described the same way everywhere. */

export const entityIdField = z.string().min(1).max(128);

export const skuField = z.string().min(1).max(64).describe('Product SKU.');

export const minorUnitsField = z.number().int().min(0).describe('Money in minor units (cents).');

export const currencyField = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('ISO 4217 currency code.');

export const quantityField = z.number().int().min(1);

export const orderStatusField = z.enum(['pending', 'confirmed', 'shipped', 'delivered', 'cancelled']);
