import * as z from 'zod';
import { strongEntityTag } from '#contracts/api/entity-tags';
import { patternedString } from '#contracts/api/patterned-string';

/** The largest stock a product may hold: the PUT body's bound, kept by stock adjustments too. */
export const MAX_STOCK = 1_000_000_000;

/** The longest product name (the PUT body's bound, so also the longest a product or an order line shows). */
export const MAX_PRODUCT_NAME_LENGTH = 200;

export const skuSchema = patternedString(/^[A-Za-z0-9_-]{1,64}$/, 64, 'a sku is 1 to 64 characters of A-Z, a-z, 0-9, _ and -').describe(
  'Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive',
);

/** An ISO 4217 currency code. */
export const currencySchema = patternedString(/^[A-Z]{3}$/, 3, 'an ISO 4217 code such as EUR').describe('ISO 4217 code');

/** A time the API answers: ISO 8601 in UTC, as `Date.toISOString()` writes it. */
export const utcTimestampSchema = z.iso.datetime().max(30);

/** Unpaired UTF-16 surrogates: JSON can carry them (`"\ud800"`), UTF-8 storage cannot, and would silently store U+FFFD. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No control characters: what a product name may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to refuse control characters.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** A display name: printable, well-formed text. */
const productNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_PRODUCT_NAME_LENGTH)
  .regex(NO_CONTROL_CHARACTERS, 'a name has no control characters')
  .refine((name) => !UNPAIRED_SURROGATE.test(name), 'a name is well-formed Unicode');

/** A product name as the API answers it (in a product, or in an order line): as the PUT body bounds it. */
export const productNameOutputSchema = z.string().max(MAX_PRODUCT_NAME_LENGTH).regex(NO_CONTROL_CHARACTERS);

/** Body of putProduct. Unknown fields are rejected. */
export const productInputSchema = z
  .strictObject({
    name: productNameSchema,
    price: z.number().int().min(0).max(100_000_000).describe('Minor units of `currency` (cents)'),
    currency: currencySchema,
    stock: z.number().int().min(0).max(MAX_STOCK).describe('Units on hand'),
  })
  .meta({ id: 'ProductInput', description: 'A product as an admin creates or replaces it.' });

export type ProductInput = z.infer<typeof productInputSchema>;

/** A product as the API answers it. */
export const productSchema = z
  .strictObject({
    sku: skuSchema,
    name: productNameOutputSchema,
    price: z.number().int().min(0).max(100_000_000).describe('Minor units of `currency` (cents)'),
    currency: currencySchema,
    stock: z.number().int().min(0).max(MAX_STOCK).describe('Units on hand, never below 0'),
    updatedAt: utcTimestampSchema.describe('Last change (ISO 8601 UTC)'),
  })
  .meta({ id: 'Product', description: 'A catalog product with its price and stock.' });

export type Product = z.infer<typeof productSchema>;

/**
 * A product with its version: the count of writes of its item (the admin's PUT, stock adjustments,
 * the saga's reservations and releases). Its entity tag is the version: it changes whenever the
 * product does, stock included.
 */
export interface StoredProduct {
  product: Product;
  version: number;
}

export const productEntityTag = (version: number): string => strongEntityTag(String(version));

/** The version an entity tag names, if it is one of ours. */
export function versionOfEntityTag(opaque: string): number | undefined {
  return /^(0|[1-9][0-9]{0,14})$/.test(opaque) ? Number(opaque) : undefined;
}

/**
 * What a PUT may do, from its precondition header: `If-None-Match: *` creates only, `If-Match: *`
 * replaces whatever is there, `If-Match: "<version>"` replaces only that version.
 */
export type ProductWritePrecondition = { kind: 'create' } | { kind: 'replace-any' } | { kind: 'replace'; versions: number[] };

export function productFrom(sku: string, input: ProductInput, now: Date): Product {
  return { sku, ...input, updatedAt: now.toISOString() };
}
