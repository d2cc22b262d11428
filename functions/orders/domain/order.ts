import * as z from 'zod';
import { currencySchema, productNameOutputSchema, skuSchema, utcTimestampSchema } from '#inventory/domain/product';
import { MAX_ITEMS_PER_ORDER, MAX_QUANTITY_PER_ITEM } from './create-order-request';
import { customerIdSchema, MAX_PAGE_SIZE } from './list-orders-query';
import { orderIdSchema, orderPaymentIdSchema } from './order-id';
import { cancellationReasonSchema, orderStatusSchema, paymentStatusSchema } from './order-status';
import { contactSchema } from './contact';
import { shippingAddressSchema } from './shipping-address';
import { cursorSchema } from '#contracts/api/cursor-format';

const isoTimestamp = utcTimestampSchema.describe('ISO 8601, UTC');
/** A catalog price is at most 100,000,000 minor units; an order holds at most 50 lines of at most 100 each. */
const MAX_UNIT_PRICE = 100_000_000;
const minorUnits = (max: number) => z.number().int().min(0).max(max).describe('Integer amount in minor units (cents) of `currency`');

/** One line as placed: the catalog's name and unit price at the time of ordering. */
export const orderLineSchema = z
  .strictObject({
    sku: skuSchema,
    name: productNameOutputSchema,
    quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_ITEM),
    unitPrice: minorUnits(MAX_UNIT_PRICE),
  })
  .meta({ id: 'OrderLine' });

/**
 * The Order as the API answers it. Strict: a response that grows an internal attribute (key, version,
 * correlation id) fails the contract tests.
 */
export const orderSchema = z
  .strictObject({
    id: orderIdSchema,
    customerId: customerIdSchema,
    status: orderStatusSchema,
    items: z.array(orderLineSchema).min(1).max(MAX_ITEMS_PER_ORDER),
    totalAmount: minorUnits(MAX_UNIT_PRICE * MAX_QUANTITY_PER_ITEM * MAX_ITEMS_PER_ORDER),
    currency: currencySchema,
    shippingAddress: shippingAddressSchema,
    contact: contactSchema.optional().describe('Whom the order e-mails and text messages go to (absent on orders placed before contacts existed)'),
    payment: z.strictObject({ id: orderPaymentIdSchema, status: paymentStatusSchema }),
    cancellationReason: cancellationReasonSchema.optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'Order' });

export type Order = z.infer<typeof orderSchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderListSchema = z
  .strictObject({
    items: z.array(orderSchema).max(MAX_PAGE_SIZE).describe('Newest first'),
    nextCursor: cursorSchema.optional().describe('Pass as `cursor` to get the next page; absent on the last page'),
  })
  .meta({ id: 'OrderList' });

export type OrderList = z.infer<typeof orderListSchema>;
