import { type EntityEventRules, statusChanged, subjectOf } from './event-draft';

/**
 * Stock reservation item (`RESERVATION#<orderId>` / `RESERVATION`, written by the saga) changes →
 * inventory.reserved when it is written (or set back to) reserved, inventory.released when it goes
 * from reserved to released. A reservation inserted as released (a compensation that ran before any
 * reservation, written so a late reservation cannot happen) released nothing, so it publishes nothing.
 */
export const reservationChangeEvents: EntityEventRules = (change) => {
  const reservation = change.newImage;
  if (!reservation || change.eventName === 'REMOVE' || !statusChanged(change)) return [];
  const common = {
    subject: subjectOf('reservation', reservation.orderId, reservation, change),
    correlationId: reservation.correlationId,
    occurredAt: reservation.updatedAt,
  };
  const data = { orderId: reservation.orderId as string, items: reservation.items as { sku: string; quantity: number }[] };
  if (reservation.status === 'reserved') return [{ name: 'inventory.reserved', data, ...common }];
  if (reservation.status === 'released' && change.oldImage?.status === 'reserved') return [{ name: 'inventory.released', data, ...common }];
  return [];
};
