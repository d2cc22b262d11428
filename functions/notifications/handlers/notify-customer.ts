import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseDomainEvent } from '../../events/contracts/received-domain-event';
import { documentClient, tableName } from '../../shared/aws/document-client';
import { publishMetrics } from '../../shared/middleware/publish-metrics';
import { logger, metrics, tracer } from '../../shared/powertools';
import { LogOnlyEmailSender } from '../adapters/log-only-email-sender';
import { DynamoNotificationLedger } from '../adapters/notification-ledger';
import { deliverOnce } from '../application/deliver-once';
import { customerNotificationFor } from '../domain/customer-notification';
import { CUSTOMER_NOTIFICATION_EVENTS } from '../domain/notified-events';

const ledger = new DynamoNotificationLedger({ client: documentClient, tableName });
const sender = new LogOnlyEmailSender(logger);

/** order.confirmed / cancelled / shipped / delivered → one message to the customer per event. */
async function notifyCustomer(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const received = parseDomainEvent(event, CUSTOMER_NOTIFICATION_EVENTS);
  logger.appendKeys({ correlationId: received.detail.correlationId, eventId: received.detail.id, detailType: received.name });
  const notification = customerNotificationFor(received);
  const outcome = await deliverOnce({
    ledger,
    record: {
      eventId: notification.eventId,
      channel: sender.channel,
      detailType: received.name,
      correlationId: notification.correlationId,
      recipient: notification.customerId,
      summary: notification.subject,
    },
    deliver: () => sender.send(notification),
  });
  if (outcome === 'duplicate') logger.info('duplicate event: the customer was already notified', { orderId: notification.orderId });
  else metrics.addMetric('CustomerNotificationsSent', MetricUnit.Count, 1);
}

export const handler = middy(notifyCustomer)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics(metrics));
