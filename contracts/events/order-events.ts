import * as z from 'zod';
import { maskedContactSchema } from '../personal-data';
import { currencyField, entityIdField, minorUnitsField, orderStatusField, quantityField, skuField } from './event-fields';

/** Data of the `ordersaga.orders` events, one schema per event and version. */

export const orderPlacedV1 = z
  .object({
    orderId: entityIdField,
    customerId: entityIdField,
    status: orderStatusField.describe('The status the order was created in (pending).'),
    items: z
      .array(
        z.object({
          sku: skuField,
          name: z.string().optional(),
          quantity: quantityField,
          unitPrice: minorUnitsField,
        }),
      )
      .min(1),
    totalAmount: minorUnitsField,
    currency: currencyField,
  })
  .describe('An order was accepted; its saga reserves stock and takes payment next.');

export const orderConfirmedV1 = z
  .object({
    orderId: entityIdField,
    customerId: entityIdField,
    totalAmount: minorUnitsField,
    currency: currencyField,
    paymentId: entityIdField.optional(),
  })
  .describe('Stock is reserved and payment captured: the order will be fulfilled.');

export const orderCancelledV1 = z
  .object({
    orderId: entityIdField,
    customerId: entityIdField,
    // A string rather than an enum so that a new reason does not need a new contract version.
    reason: z
      .string()
      .min(1)
      .describe('Why: out_of_stock, payment_declined, payment_unavailable, customer_cancelled (new reasons may appear; treat unknown ones generically).'),
    previousStatus: orderStatusField.describe('The status the order had before it was cancelled.'),
  })
  .describe('The order was cancelled; any stock was released and any payment voided or refunded.');

const orderMilestone = z.object({ orderId: entityIdField, customerId: entityIdField });

export const orderShippedV1 = orderMilestone.describe('An admin marked the order shipped.');

export const orderDeliveredV1 = orderMilestone.describe('An admin marked the order delivered.');

/**
 * v2 of the events customers are told about: whom they are told, masked. The contact itself stays
 * with the order (docs/data-model.md, "Personal data"); a subscriber that must reach the customer
 * reads it there.
 */
const withContact = { contact: maskedContactSchema.optional() };

export const orderConfirmedV2 = orderConfirmedV1.extend(withContact).describe(orderConfirmedV1.description!);

export const orderCancelledV2 = orderCancelledV1.extend(withContact).describe(orderCancelledV1.description!);

export const orderShippedV2 = orderShippedV1.extend(withContact).describe(orderShippedV1.description!);

export const orderDeliveredV2 = orderDeliveredV1.extend(withContact).describe(orderDeliveredV1.description!);
