/**
 * The names of the domain events and the bounded context (EventBridge `source`) that owns each one.
 * Plain data, no schemas: the subscriptions of the wiring (subscriptions.ts, each folder's wiring.ts)
 * build their rule patterns from it.
 */

export const EVENT_SOURCES = {
  orders: 'ordersaga.orders',
  inventory: 'ordersaga.inventory',
  payments: 'ordersaga.payments',
} as const;

export type EventSource = (typeof EVENT_SOURCES)[keyof typeof EVENT_SOURCES];

/** Event name (the `detail-type`) → its `source`. */
export const DOMAIN_EVENT_SOURCES = {
  'order.placed': EVENT_SOURCES.orders,
  'order.confirmed': EVENT_SOURCES.orders,
  'order.cancelled': EVENT_SOURCES.orders,
  'order.shipped': EVENT_SOURCES.orders,
  'order.delivered': EVENT_SOURCES.orders,
  'inventory.reserved': EVENT_SOURCES.inventory,
  'inventory.released': EVENT_SOURCES.inventory,
  'inventory.low_stock': EVENT_SOURCES.inventory,
  'payment.authorized': EVENT_SOURCES.payments,
  'payment.captured': EVENT_SOURCES.payments,
  'payment.declined': EVENT_SOURCES.payments,
  'payment.voided': EVENT_SOURCES.payments,
  'payment.refunded': EVENT_SOURCES.payments,
} as const satisfies Record<string, EventSource>;

export type DomainEventName = keyof typeof DOMAIN_EVENT_SOURCES;

export const DOMAIN_EVENT_NAMES = Object.keys(DOMAIN_EVENT_SOURCES) as DomainEventName[];

export const sourceOf = <N extends DomainEventName>(name: N): (typeof DOMAIN_EVENT_SOURCES)[N] => DOMAIN_EVENT_SOURCES[name];
