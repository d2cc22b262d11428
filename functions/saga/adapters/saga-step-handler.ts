import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { publishMetrics } from '#shared/middleware/publish-metrics';
import { logger, metrics } from '#shared/powertools';
import { asStoreBusy } from './store-errors';
import { EXPECTED_STEP_ERRORS, SagaInvariantViolated } from '../domain/saga-errors';

/** Who a step's log lines are about: every line carries the order and the request's correlation id. */
export interface StepLogKeys {
  orderId: string;
  correlationId?: string;
}

/**
 * One saga step as a Lambda handler: validates the state's payload, puts the saga step, order and
 * correlation id on every log line, runs the step, and hands the state machine an error whose name
 * its Retry/Catch know (DynamoDB contention and throttling become StoreBusy). Business outcomes
 * (out of stock, declined, cancelled) are logged as such, not as failures.
 */
export function sagaStepHandler<Schema extends z.ZodType, Output>(
  step: string,
  schema: Schema,
  logKeys: (input: z.infer<Schema>) => StepLogKeys,
  run: (input: z.infer<Schema>) => Promise<Output>,
) {
  const handle = async (event: unknown): Promise<Output> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      logger.error('saga step called with an invalid payload', { sagaStep: step, issues: parsed.error.issues });
      throw new SagaInvariantViolated(`${step}: invalid payload: ${z.prettifyError(parsed.error)}`);
    }
    const { orderId, correlationId } = logKeys(parsed.data);
    logger.appendKeys({ sagaStep: step, orderId, ...(correlationId ? { correlationId } : {}) });
    try {
      return await run(parsed.data);
    } catch (error) {
      const named = asStoreBusy(error) as Error;
      if (EXPECTED_STEP_ERRORS.has(named.name)) logger.info('saga step ended with a business outcome', { outcome: named.name, detail: named.message });
      else logger.warn('saga step failed', { error: named });
      throw named;
    }
  };
  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(metrics));
}
