import { maskContact } from '#contracts/personal-data';
import type { EntityEventRules, EventDraft } from './event-draft';
import { statusChanged, subjectOf } from './event-draft';
import type { Item } from './stream-change';

/**
 * Order item (`ORDER#<id>` / `ORDER`) changes → order events: an insert is order.placed; a status
 * change to confirmed, cancelled, shipped or delivered is that event. Other updates publish nothing.
 */
export const orderChangeEvents: EntityEventRules = (change) => {
  const order = change.newImage;
  if (!order || change.eventName === 'REMOVE' || !statusChanged(change)) return [];
  const common = { subject: subjectOf('order', order.id, order, change), correlationId: order.correlationId, occurredAt: order.updatedAt };
  const ids = { orderId: order.id as string, customerId: order.customerId as string };
  if (change.eventName === 'INSERT') return [{ name: 'order.placed', data: placedData(order), ...common }];
  // The events customers are told about name whom, masked: the address itself stays with the order.
  const told = { ...ids, ...maskedContactOf(order) };
  const drafts: Record<string, () => EventDraft> = {
    confirmed: () => ({
      name: 'order.confirmed',
      data: { ...told, totalAmount: order.totalAmount as number, currency: order.currency as string, paymentId: paymentIdOf(order) },
      ...common,
    }),
    cancelled: () => ({
      name: 'order.cancelled',
      data: {
        ...told,
        reason: typeof order.cancellationReason === 'string' && order.cancellationReason ? order.cancellationReason : 'unspecified',
        previousStatus: change.oldImage?.status as 'pending',
      },
      ...common,
    }),
    shipped: () => ({ name: 'order.shipped', data: told, ...common }),
    delivered: () => ({ name: 'order.delivered', data: told, ...common }),
  };
  const draft = Object.hasOwn(drafts, String(order.status)) ? drafts[String(order.status)] : undefined;
  return draft ? [draft()] : [];
};

function placedData(order: Item) {
  return {
    orderId: order.id as string,
    customerId: order.customerId as string,
    status: order.status as 'pending',
    items: order.items as { sku: string; quantity: number; unitPrice: number; name?: string }[],
    totalAmount: order.totalAmount as number,
    currency: order.currency as string,
  };
}

/** `{contact}` masked, when the order has a contact with something in it; else nothing. */
function maskedContactOf(order: Item): { contact?: { email?: string; phone?: string } } {
  const contact = order.contact as { email?: unknown; phone?: unknown } | undefined;
  const email = typeof contact?.email === 'string' ? contact.email : undefined;
  const phone = typeof contact?.phone === 'string' ? contact.phone : undefined;
  return email === undefined && phone === undefined ? {} : { contact: maskContact({ email, phone }) };
}

const paymentIdOf = (order: Item): string | undefined => {
  const payment = order.payment as { id?: unknown } | undefined;
  return typeof payment?.id === 'string' ? payment.id : undefined;
};
