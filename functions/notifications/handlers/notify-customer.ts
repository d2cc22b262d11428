import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { customerNotificationAdapters } from '../adapters/notifications-adapters';
import { type NotifyCustomerPorts, notifyCustomer } from '../application/notify-customer';
import { CUSTOMER_NOTIFICATION_EVENTS } from '../domain/notified-events';

/**
 * order.confirmed / cancelled / shipped / delivered → an e-mail (and, when it ships, a text message)
 * to the order's contact, once per event and channel. Logs name the outcome per channel, never an
 * address (the records hold it masked).
 */
export function notifyCustomerHandler(ports: NotifyCustomerPorts) {
  const handle = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const received = parseDomainEvent(event, CUSTOMER_NOTIFICATION_EVENTS);
    logger.appendKeys({ correlationId: received.detail.correlationId, eventId: received.detail.id, detailType: received.name });
    const { notice, outcomes } = await notifyCustomer(ports, received);
    logger.info('customer notified', { orderId: notice.orderId, template: notice.template, outcomes });
    for (const [channel, outcome] of Object.entries(outcomes)) {
      if (outcome === 'sent') metrics.addMetric(channel === 'sms' ? 'CustomerTextsSent' : 'CustomerEmailsSent', MetricUnit.Count, 1);
      if (outcome === 'refused') metrics.addMetric('CustomerNotificationsRefused', MetricUnit.Count, 1);
    }
  };
  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = notifyCustomerHandler(customerNotificationAdapters());
