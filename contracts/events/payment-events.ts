import * as z from 'zod';
import { currencyField, entityIdField, minorUnitsField } from './event-fields';

/** Data of the `ordersaga.payments` events, one schema per event and version. */

const paymentFacts = z.object({
  paymentId: entityIdField,
  orderId: entityIdField,
  customerId: entityIdField,
  amount: minorUnitsField,
  currency: currencyField,
});

export const paymentAuthorizedV1 = paymentFacts.describe('The provider authorized the payment (funds held).');

export const paymentCapturedV1 = paymentFacts.describe('The authorized amount was captured (money taken).');

export const paymentDeclinedV1 = paymentFacts.describe('The provider declined the payment (a business outcome, not retried).');

export const paymentVoidedV1 = paymentFacts.describe('An authorization was voided before capture (compensation).');

export const paymentRefundedV1 = paymentFacts.describe('A captured payment was refunded in full.');
