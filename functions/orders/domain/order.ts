import { z } from 'zod';
import { cancellationReasonSchema, orderStatusSchema, paymentStatusSchema } from './order-status';
import { shippingAddressSchema } from './shipping-address';

const isoTimestamp = z.iso.datetime().describe('ISO 8601, UTC');
const minorUnits = z.number().int().min(0).describe('Integer amount in minor units (cents) of `currency`');

/** One line as placed: the catalog's name and unit price at the time of ordering. */
export const orderLineSchema = z
  .strictObject({
    sku: z.string(),
    name: z.string(),
    quantity: z.number().int().min(1),
    unitPrice: minorUnits,
  })
  .meta({ id: 'OrderLine' });

/**
 * The Order as the API answers it. Strict: a response that grows an internal attribute (key, version,
 * correlation id) fails the contract tests.
 */
export const orderSchema = z
  .strictObject({
    id: z.string(),
    customerId: z.string(),
    status: orderStatusSchema,
    items: z.array(orderLineSchema).min(1),
    totalAmount: minorUnits,
    currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217'),
    shippingAddress: shippingAddressSchema,
    payment: z.strictObject({ id: z.string(), status: paymentStatusSchema }),
    cancellationReason: cancellationReasonSchema.optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'Order' });

export type Order = z.infer<typeof orderSchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderListSchema = z
  .strictObject({
    items: z.array(orderSchema).describe('Newest first'),
    nextCursor: z.string().optional().describe('Pass as `cursor` to get the next page; absent on the last page'),
  })
  .meta({ id: 'OrderList' });

export type OrderList = z.infer<typeof orderListSchema>;
