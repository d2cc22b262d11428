import { SES_EMAIL_EVENTS, SES_EVENT_SOURCE, EMAIL_TAGS } from '#contracts/email-events';
import { eventPatternOf, FUNCTION_DELIVERY } from '#contracts/events/subscriptions';
import type { ContextWiring } from '#contracts/wiring';
import { functionsIn } from '#contracts/wiring-declarations';
import { notificationsApi } from './api-contract';
import { CUSTOMER_NOTIFICATION_EVENTS, LOW_STOCK_ALERT_EVENTS } from './domain/notified-events';

const subscriber = functionsIn('notifications', { memorySize: 512, timeoutSeconds: 10 });

/**
 * The notifications context: the customer's e-mails and text messages (each once per order event and
 * channel), the status SES reports for each e-mail, the stock managers' alerts, and the route that
 * lists an order's notifications.
 */
export const notificationsWiring: ContextWiring = {
  routes: notificationsApi.routes,
  contracts: notificationsApi.contracts,
  functions: [
    subscriber({
      id: 'notifyCustomer',
      context: 'notifications',
      description: 'order.confirmed/cancelled/shipped/delivered → e-mail (SES) and, when shipped, SMS (SNS) to the order contact, once per event and channel',
      access: { table: 'readWrite', sendsEmail: true, sendsSms: true },
    }),
    subscriber({
      id: 'recordEmailStatus',
      context: 'notifications',
      description: "SES e-mail events (the configuration set's, on the default bus) → the notification record's status",
      access: { table: 'readWrite', followsEmailEvents: true },
    }),
    subscriber({
      id: 'alertLowStock',
      context: 'notifications',
      description: 'inventory.low_stock → stock alert (idempotent on the event id)',
      access: { table: 'readWrite' },
    }),
    ...notificationsApi.functions,
  ],
  eventRules: [
    {
      id: 'customerNotifications',
      description: 'Order confirmed, cancelled, shipped, delivered → notify the customer',
      eventPattern: eventPatternOf(CUSTOMER_NOTIFICATION_EVENTS),
      targets: [{ kind: 'function', functionId: 'notifyCustomer', retry: FUNCTION_DELIVERY }],
    },
    {
      id: 'emailStatus',
      description: "SES's events of the notification e-mails → the notification records",
      // The account's default bus: SES publishes a configuration set's events nowhere else.
      eventBus: 'default',
      eventPattern: {
        source: [SES_EVENT_SOURCE],
        'detail-type': Object.values(SES_EMAIL_EVENTS),
        // Only messages this context tagged; other senders in the account use the default bus too.
        detail: { mail: { tags: { [EMAIL_TAGS.orderId]: [{ exists: true }] } } },
      },
      targets: [{ kind: 'function', functionId: 'recordEmailStatus', retry: FUNCTION_DELIVERY }],
    },
    {
      id: 'lowStockAlert',
      description: 'inventory.low_stock → alert the stock managers',
      eventPattern: eventPatternOf(LOW_STOCK_ALERT_EVENTS),
      targets: [{ kind: 'function', functionId: 'alertLowStock', retry: FUNCTION_DELIVERY }],
    },
  ],
};
