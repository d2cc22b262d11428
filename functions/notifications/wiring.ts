import { eventPatternOf, FUNCTION_DELIVERY } from '#contracts/events/subscriptions';
import type { ContextWiring } from '#contracts/wiring';
import { functionsIn } from '#contracts/wiring-declarations';
import { CUSTOMER_NOTIFICATION_EVENTS, LOW_STOCK_ALERT_EVENTS } from './domain/notified-events';

const subscriber = functionsIn('notifications', { memorySize: 512, timeoutSeconds: 10 });

/** The notifications context: two subscribers of the domain bus, each idempotent on the event id. */
export const notificationsWiring: ContextWiring = {
  functions: [
    subscriber({
      id: 'notifyCustomer',
      context: 'notifications',
      description: 'order.confirmed/cancelled/shipped/delivered → customer notification (idempotent on the event id)',
      access: { table: 'readWrite' },
    }),
    subscriber({
      id: 'alertLowStock',
      context: 'notifications',
      description: 'inventory.low_stock → stock alert (idempotent on the event id)',
      access: { table: 'readWrite' },
    }),
  ],
  eventRules: [
    {
      id: 'customerNotifications',
      description: 'Order confirmed, cancelled, shipped, delivered → notify the customer',
      eventPattern: eventPatternOf(CUSTOMER_NOTIFICATION_EVENTS),
      targets: [{ kind: 'function', functionId: 'notifyCustomer', retry: FUNCTION_DELIVERY }],
    },
    {
      id: 'lowStockAlert',
      description: 'inventory.low_stock → alert the stock managers',
      eventPattern: eventPatternOf(LOW_STOCK_ALERT_EVENTS),
      targets: [{ kind: 'function', functionId: 'alertLowStock', retry: FUNCTION_DELIVERY }],
    },
  ],
};
