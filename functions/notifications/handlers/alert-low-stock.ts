import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseDomainEvent } from '../../events/contracts/received-domain-event';
import { documentClient, tableName } from '../../shared/aws/document-client';
import { publishMetrics } from '../../shared/middleware/publish-metrics';
import { logger, metrics, tracer } from '../../shared/powertools';
import { LogOnlyStockAlertSender } from '../adapters/log-only-stock-alert-sender';
import { DynamoNotificationLedger } from '../adapters/notification-ledger';
import { deliverOnce } from '../application/deliver-once';
import { lowStockAlertFor } from '../domain/low-stock-alert';
import { LOW_STOCK_ALERT_EVENTS } from '../domain/notified-events';

const ledger = new DynamoNotificationLedger({ client: documentClient, tableName });
const sender = new LogOnlyStockAlertSender(logger);

/** inventory.low_stock → one alert to the stock managers per event. */
async function alertLowStock(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const received = parseDomainEvent(event, LOW_STOCK_ALERT_EVENTS);
  logger.appendKeys({ correlationId: received.detail.correlationId, eventId: received.detail.id, detailType: received.name });
  const alert = lowStockAlertFor(received);
  const outcome = await deliverOnce({
    ledger,
    record: {
      eventId: alert.eventId,
      channel: sender.channel,
      detailType: received.name,
      correlationId: alert.correlationId,
      recipient: 'stock-managers',
      summary: alert.message,
    },
    deliver: () => sender.send(alert),
  });
  if (outcome === 'duplicate') logger.info('duplicate event: the alert was already raised', { sku: alert.sku });
  else metrics.addMetric('LowStockAlertsRaised', MetricUnit.Count, 1);
}

export const handler = middy(alertLowStock)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics(metrics));
