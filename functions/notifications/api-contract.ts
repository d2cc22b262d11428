import * as z from 'zod';
import { problemSchema } from '#contracts/api/problem-schema';
import type { ResponseContract } from '#contracts/api/route-contract';
import { contextApi } from '#contracts/wiring-declarations';
import { orderIdSchema } from '#orders/domain/order-id';
import { notificationListSchema } from './domain/notification';

/**
 * The notifications routes, each declared once. Schemas only: importing this opens no client and
 * reads no table name.
 */

const problem = (description: string): ResponseContract => ({ description, schema: problemSchema });

export const notificationsApi = contextApi('notifications', [
  {
    method: 'GET',
    path: '/orders/{id}/notifications',
    auth: 'user',
    summary: "List an order's notifications",
    function: { id: 'listOrderNotifications', access: { table: 'read' } },
    operationId: 'listOrderNotifications',
    description:
      'The e-mails and text messages sent about an order, oldest first: one per order event and channel, with what became of it ' +
      '(`sent`, then `delivered`, `bounced` or `complained` as the e-mail provider reports it; `failed` when it was refused or every attempt failed). ' +
      "Recipients are masked. The order's customer and admins may read them; someone else's order is 404.",
    pathParameters: z.object({ id: orderIdSchema.describe('The order id') }),
    responses: {
      200: { description: "The order's notifications", schema: notificationListSchema },
      400: problem('The order id is malformed.'),
      404: problem("No such order, or not one of yours (someone else's order is 404, never 403)."),
    },
  },
]);
