import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { ENVIRONMENT } from '#contracts/environment';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { notificationRecords } from '../adapters/notification-stores';
import { parseSesEmailEvent } from '../adapters/ses-email-event';
import { recordEmailFeedback } from '../application/record-email-feedback';
import type { NotificationRecords } from '../domain/ports';

/**
 * SES's e-mail events (the configuration set's event destination, on the default bus) → the status of
 * the notification record they are about: sent, delivered, bounced, complained or failed. Events of
 * another stage's configuration set (the default bus is the account's) are left alone.
 */
export function recordEmailStatusHandler(ports: { records: NotificationRecords }, configurationSet = process.env[ENVIRONMENT.sesConfigurationSet]) {
  const handle = async (event: unknown): Promise<void> => {
    const parsed = parseSesEmailEvent(event);
    if (parsed.kind === 'ignored') {
      logger.info('SES event ignored', { reason: parsed.reason });
      return;
    }
    if (configurationSet && parsed.configurationSet && parsed.configurationSet !== configurationSet) {
      logger.info("SES event of another stage's configuration set ignored", { configurationSet: parsed.configurationSet });
      return;
    }
    const { feedback } = parsed;
    const result = await recordEmailFeedback(ports, feedback);
    logger.info('e-mail status', { orderId: feedback.orderId, eventId: feedback.eventId, messageId: feedback.messageId, outcome: feedback.outcome, result });
    if (result === 'applied' && (feedback.outcome === 'bounced' || feedback.outcome === 'complained')) {
      metrics.addMetric(feedback.outcome === 'bounced' ? 'CustomerEmailsBounced' : 'CustomerEmailsComplained', MetricUnit.Count, 1);
    }
  };
  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

export const handler = recordEmailStatusHandler({ records: notificationRecords() });
