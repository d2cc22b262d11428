import type { DomainEventName } from '#contracts/events/event-names';

/**
 * The events each subscriber handles. Plain data: the rules in ../wiring.ts match exactly
 * these, and each handler refuses anything else.
 */
export const CUSTOMER_NOTIFICATION_EVENTS = [
  'order.confirmed',
  'order.cancelled',
  'order.shipped',
  'order.delivered',
] as const satisfies readonly DomainEventName[];

export type CustomerNotificationEventName = (typeof CUSTOMER_NOTIFICATION_EVENTS)[number];

export const LOW_STOCK_ALERT_EVENTS = ['inventory.low_stock'] as const satisfies readonly DomainEventName[];
