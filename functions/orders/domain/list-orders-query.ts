import * as z from 'zod';
import { cursorSchema } from '#contracts/api/cursor-format';
import { CUSTOMER_ID_PATTERN, MAX_CUSTOMER_ID_LENGTH } from '#contracts/api/customer-id';
import { patternedString } from '#contracts/api/patterned-string';
import { orderStatusSchema } from './order-status';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A customer id as the token's `sub` carries it (a Cognito UUID, or any issuer's opaque id). */
export const customerIdSchema = patternedString(CUSTOMER_ID_PATTERN, MAX_CUSTOMER_ID_LENGTH, 'a customer id is 1 to 128 visible ASCII characters');

/**
 * Query of listOrders. Strict: an unknown (or misspelt) parameter is a 400 instead of a silently
 * unfiltered listing.
 */
export const listOrdersQuerySchema = z.strictObject({
  status: orderStatusSchema.optional().describe('Only orders in this status'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).describe(`Page size, 1 to ${MAX_PAGE_SIZE}`),
  cursor: cursorSchema.optional().describe('The `nextCursor` of the previous page, with the same filters'),
  customerId: customerIdSchema
    .optional()
    .describe("Admins: list this customer's orders (without it an admin lists every customer's). Customers may only name themselves (anyone else: 403)."),
});

export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;
