import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { documentClient, tableName } from '#shared/aws/document-client';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { LogOnlyStockAlertSender } from '../adapters/log-only-stock-alert-sender';
import { DynamoNotificationLedger } from '../adapters/notification-ledger';
import { alertLowStock } from '../application/alert-low-stock';
import { LOW_STOCK_ALERT_EVENTS } from '../domain/notified-events';
import type { NotificationLedger, StockAlertSender } from '../domain/ports';

/** inventory.low_stock → one alert to the stock managers per event. */
export function alertLowStockHandler(ports: { ledger: NotificationLedger; sender: StockAlertSender }) {
  const handle = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const received = parseDomainEvent(event, LOW_STOCK_ALERT_EVENTS);
    logger.appendKeys({ correlationId: received.detail.correlationId, eventId: received.detail.id, detailType: received.name });
    const { outcome, alert } = await alertLowStock(ports, received);
    if (outcome === 'duplicate') logger.info('duplicate event: the alert was already raised', { sku: alert.sku });
    else metrics.addMetric('LowStockAlertsRaised', MetricUnit.Count, 1);
  };
  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = alertLowStockHandler({
  ledger: new DynamoNotificationLedger({ client: documentClient, tableName }),
  sender: new LogOnlyStockAlertSender(logger),
});
