import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { notFound } from '#shared/http/problem';
import { parseParameter } from '#shared/http/request-validation';
import { orderIdSchema } from '#orders/domain/order-id';
import { notificationRecords, orderContacts } from '../adapters/notification-stores';
import { listOrderNotifications } from '../application/list-order-notifications';
import type { NotificationRecords, OrderContacts } from '../domain/ports';

/** listOrderNotifications: the order's notifications for its customer or an admin; anyone else's order is a 404, never a 403. */
export function listOrderNotificationsHandler(ports: { records: NotificationRecords; orders: OrderContacts }) {
  return apiHandler(async (event) => {
    const caller = callerOf(event);
    const orderId = parseParameter(orderIdSchema, 'id', event.pathParameters?.id);
    const items = await listOrderNotifications(ports, caller, orderId);
    if (!items) throw notFound(`No order with id ${orderId}.`);
    return jsonResponse(200, { items });
  });
}

export const handler = listOrderNotificationsHandler({ records: notificationRecords(), orders: orderContacts() });
