import type { MiddlewareObj } from '@middy/core';
import type { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Flushes the invocation's EMF metrics, if it recorded any. Powertools' own `logMetrics` warns on
 * every invocation that records none (a health check, a 404), which only adds noise to the logs.
 */
export const publishMetrics = (metrics: Metrics): MiddlewareObj => {
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};
