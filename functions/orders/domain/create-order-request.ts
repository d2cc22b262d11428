import * as z from 'zod';
import { skuSchema } from '#inventory/domain/product';
import { patternedString } from '#contracts/api/patterned-string';
import { contactSchema } from './contact';
import { shippingAddressSchema } from './shipping-address';

export const MAX_ITEMS_PER_ORDER = 50;
export const MAX_QUANTITY_PER_ITEM = 100;

export const orderLineRequestSchema = z
  .strictObject({
    sku: skuSchema,
    quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_ITEM),
  })
  .meta({ id: 'OrderLineRequest' });

/** Only card payments; the token is the provider's (never a card number). */
export const paymentRequestSchema = z
  .strictObject({
    method: z.literal('card'),
    token: patternedString(/^[A-Za-z0-9_-]{1,200}$/, 200, 'a payment token is 1 to 200 characters of A-Z, a-z, 0-9, _ and -'),
  })
  .meta({ id: 'PaymentRequest' });

const distinctSkus = z
  .array(orderLineRequestSchema)
  .min(1)
  .max(MAX_ITEMS_PER_ORDER)
  .describe(`1 to ${MAX_ITEMS_PER_ORDER} lines, each sku at most once`)
  .superRefine((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.sku))
        context.addIssue({ code: 'custom', path: [index, 'sku'], message: `sku ${item.sku} appears more than once: give it one line with the total quantity` });
      seen.add(item.sku);
    });
  });

/**
 * Body of createOrder. Strict at every level (unknown fields are a 400). Prices are not part of it:
 * they come from the catalog.
 */
export const createOrderBodySchema = z
  .strictObject({
    items: distinctSkus,
    shippingAddress: shippingAddressSchema,
    payment: paymentRequestSchema,
    contact: contactSchema.optional(),
  })
  .meta({ id: 'CreateOrderRequest' });

export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;

/**
 * The `Idempotency-Key` request header: chosen by the client, scoped to the customer (two customers
 * may use the same key for different orders).
 */
export const idempotencyKeySchema = z
  .string({ error: 'the Idempotency-Key header is required' })
  .max(128, { error: 'an Idempotency-Key is 1 to 128 characters of A-Z, a-z, 0-9, _ and -', abort: true })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'an Idempotency-Key is 1 to 128 characters of A-Z, a-z, 0-9, _ and -')
  .describe(
    'Your key for this order request (1 to 128 of `A-Za-z0-9_-`), scoped to you and kept 24 h: resending the same key and body returns the same order; another body with the same key is 422.',
  );
