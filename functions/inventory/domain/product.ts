import { z } from 'zod';

/** The largest stock a product may hold: the PUT body's bound, kept by stock adjustments too. */
export const MAX_STOCK = 1_000_000_000;

export const skuSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a sku is 1 to 64 characters of A-Z, a-z, 0-9, _ and -')
  .describe('Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive');

/** Unpaired UTF-16 surrogates: JSON can carry them (`"\ud800"`), UTF-8 storage cannot, and would silently store U+FFFD. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A display name: printable, well-formed text. */
const productNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a name has no control characters')
  .refine((name) => !UNPAIRED_SURROGATE.test(name), 'a name is well-formed Unicode');

/** Body of PUT /products/{sku}. Unknown fields are rejected. */
export const productInputSchema = z
  .strictObject({
    name: productNameSchema,
    price: z.number().int().min(0).max(100_000_000).describe('Minor units of `currency` (cents)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').describe('ISO 4217 code'),
    stock: z.number().int().min(0).max(MAX_STOCK).describe('Units on hand'),
  })
  .meta({ id: 'ProductInput', description: 'A product as an admin creates or replaces it.' });

export type ProductInput = z.infer<typeof productInputSchema>;

/** A product as the API answers it. */
export const productSchema = z
  .strictObject({
    sku: skuSchema,
    name: z.string(),
    price: z.number().int().min(0).describe('Minor units of `currency` (cents)'),
    currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 code'),
    stock: z.number().int().min(0).describe('Units on hand, never below 0'),
    updatedAt: z.iso.datetime().describe('Last change (ISO 8601 UTC)'),
  })
  .meta({ id: 'Product', description: 'A catalog product with its price and stock.' });

export type Product = z.infer<typeof productSchema>;

export function productFrom(sku: string, input: ProductInput, now: Date): Product {
  return { sku, ...input, updatedAt: now.toISOString() };
}
