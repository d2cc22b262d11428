import * as z from 'zod';

export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;

export const orderStatusSchema = z.enum(ORDER_STATUSES).meta({
  id: 'OrderStatus',
  description: '`pending` until the saga confirms or cancels it; then `shipped` and `delivered` (admin), or `cancelled`.',
});
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Why an order was cancelled: by its customer or an admin, or by the saga's compensation. */
export const cancellationReasonSchema = z
  .enum(['customer_cancelled', 'out_of_stock', 'payment_declined', 'payment_unavailable'])
  .meta({ id: 'CancellationReason', description: 'Present only on cancelled orders.' });
export type CancellationReason = z.infer<typeof cancellationReasonSchema>;

/** The payment's status as the order shows it (the payment record is the source of truth). */
export const paymentStatusSchema = z.enum(['pending', 'authorized', 'captured', 'declined', 'voided', 'refunded']).meta({ id: 'PaymentStatus' });
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
