import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { documentClient, tableName } from '#shared/aws/document-client';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics, tracer } from '#shared/powertools';
import { LogOnlyEmailSender } from '../adapters/log-only-email-sender';
import { DynamoNotificationLedger } from '../adapters/notification-ledger';
import { notifyCustomer } from '../application/notify-customer';
import { CUSTOMER_NOTIFICATION_EVENTS } from '../domain/notified-events';
import type { CustomerNotificationSender, NotificationLedger } from '../domain/ports';

/** order.confirmed / cancelled / shipped / delivered → one message to the customer per event. */
export function notifyCustomerHandler(ports: { ledger: NotificationLedger; sender: CustomerNotificationSender }) {
  const handle = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const received = parseDomainEvent(event, CUSTOMER_NOTIFICATION_EVENTS);
    logger.appendKeys({ correlationId: received.detail.correlationId, eventId: received.detail.id, detailType: received.name });
    const { outcome, notification } = await notifyCustomer(ports, received);
    if (outcome === 'duplicate') logger.info('duplicate event: the customer was already notified', { orderId: notification.orderId });
    else metrics.addMetric('CustomerNotificationsSent', MetricUnit.Count, 1);
  };
  return middy(handle)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = notifyCustomerHandler({
  ledger: new DynamoNotificationLedger({ client: documentClient, tableName }),
  sender: new LogOnlyEmailSender(logger),
});
