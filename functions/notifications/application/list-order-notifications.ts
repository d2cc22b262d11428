import { type Notification, notificationId, VISIBLE_STATUSES } from '../domain/notification';
import type { NotificationRecords, OrderContacts } from '../domain/ports';

const visible = new Set<string>(VISIBLE_STATUSES);

/**
 * The notifications of an order, oldest first, for its customer or an admin; undefined when there is
 * no such order or it is someone else's (the caller cannot tell the two apart: 404 either way).
 */
export async function listOrderNotifications(
  ports: { records: NotificationRecords; orders: OrderContacts },
  caller: { customerId: string; isAdmin: boolean },
  orderId: string,
): Promise<Notification[] | undefined> {
  const order = await ports.orders.find(orderId);
  if (!order || (!caller.isAdmin && order.customerId !== caller.customerId)) return undefined;
  const records = await ports.records.ofOrder(orderId);
  return records
    .filter((record) => visible.has(record.status) && record.sentAt !== undefined)
    .map((record) => ({
      id: notificationId(record),
      channel: record.channel,
      template: record.template,
      status: record.status as Notification['status'],
      recipient: record.recipient,
      sentAt: record.sentAt!,
      updatedAt: record.updatedAt,
    }))
    .sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
}
