import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ENVIRONMENT } from '#contracts/environment';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { EventBridgePublisher } from '../adapters/event-bridge-publisher';
import { toStreamChange } from '../adapters/stream-change';
import { relayStreamBatch } from '../application/relay-stream-batch';
import { businessMetricsOf } from '../domain/business-metrics';
import type { EventPublisher } from '../domain/ports';

/**
 * Table stream → domain bus (the outbox relay). Partial batch responses keep the shard's order and
 * lose nothing; see relayStreamBatch. The publisher is made per batch: the bus is named by the
 * environment, read when the relay runs.
 */
export function publishDomainEventsHandler(publisherFor: (eventBusName: string) => EventPublisher) {
  const publishDomainEvents = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const eventBusName = process.env[ENVIRONMENT.eventBusName];
    if (!eventBusName) throw new Error(`${ENVIRONMENT.eventBusName} is not set`);
    const outcome = await relayStreamBatch(event.Records, { publisher: publisherFor(eventBusName), log: logger, changeOf: toStreamChange });
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
  };
  return middy(publishDomainEvents)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}

const eventBridge = new EventBridgeClient({});

export const handler = publishDomainEventsHandler((eventBusName) => new EventBridgePublisher({ client: eventBridge, eventBusName, log: logger }));
