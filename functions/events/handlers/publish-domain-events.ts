import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishMetrics } from '../../shared/middleware/publish-metrics';
import { logger, metrics, tracer } from '../../shared/powertools';
import { EventBridgePublisher } from '../adapters/event-bridge-publisher';
import { businessMetricsOf } from '../outbox/business-metrics';
import { relayStreamBatch } from '../outbox/relay-stream-batch';

const eventBridge = new EventBridgeClient({});

/**
 * Table stream → domain bus (the outbox relay). Partial batch responses keep the shard's order and
 * lose nothing; see relayStreamBatch.
 */
async function publishDomainEvents(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const eventBusName = process.env.EVENT_BUS_NAME;
  if (!eventBusName) throw new Error('EVENT_BUS_NAME is not set');
  const publisher = new EventBridgePublisher({ client: eventBridge, eventBusName, log: logger });
  const outcome = await relayStreamBatch(event.Records, { publisher, log: logger });
  metrics.addMetric('DomainEventsPublished', MetricUnit.Count, outcome.published);
  if (outcome.failedRecords > 0) metrics.addMetric('StreamRecordsRetried', MetricUnit.Count, outcome.failedRecords);
  for (const metric of businessMetricsOf(outcome.publishedEvents)) {
    if (!metric.dimension) metrics.addMetric(metric.name, MetricUnit.Count, metric.value);
    else {
      // A dimension of its own (the reason) needs a metric object of its own.
      const single = metrics.singleMetric();
      single.addDimension(metric.dimension.name, metric.dimension.value);
      single.addMetric(metric.name, MetricUnit.Count, metric.value);
    }
  }
  return outcome.response;
}

export const handler = middy(publishDomainEvents)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics(metrics));
