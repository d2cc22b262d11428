import * as z from 'zod';
import { orderStatusSchema } from './order-status';

/**
 * Body of updateOrderStatus. Any status is well-formed (400 only for something that is not a
 * status); the order lifecycle decides which moves are allowed (409 for the rest), as the contract says.
 */
export const updateStatusBodySchema = z
  .strictObject({
    status: orderStatusSchema.describe('`shipped` (from `confirmed`) or `delivered` (from `shipped`); any other move is 409'),
  })
  .meta({ id: 'UpdateOrderStatusRequest' });

export type UpdateStatusBody = z.infer<typeof updateStatusBodySchema>;
