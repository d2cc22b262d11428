import { z } from 'zod';

export const skuSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a sku is 1 to 64 characters of A-Z, a-z, 0-9, _ and -');

/** Body of PUT /products/{sku}. Unknown fields are rejected. */
export const productInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Minor units (cents). */
  price: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  stock: z.number().int().min(0).max(1_000_000_000),
});

export type ProductInput = z.infer<typeof productInputSchema>;

export interface Product extends ProductInput {
  sku: string;
  updatedAt: string;
}

export function productFrom(sku: string, input: ProductInput, now: Date): Product {
  return { sku, ...input, updatedAt: now.toISOString() };
}
