import { logger } from '#shared/powertools';
import type { SagaExecutions } from '../domain/ports';
import type { OrderSagaInput } from '../domain/saga-messages';

/**
 * Starts the order saga of a placed order (the `followOrderChanges` stream consumer calls it). The write
 * and the start cannot be one transaction, so the start follows the write through the stream: the
 * stream holds the INSERT until a start succeeded, and the execution name makes every retry after a
 * success a no-op.
 */
export async function startOrderSaga(executions: SagaExecutions, stateMachineArn: string, input: OrderSagaInput): Promise<void> {
  // The execution name is the order id: Step Functions refuses a second execution of that name
  // (for 90 days), so however often this runs for one order, the saga starts once.
  const outcome = await executions.startOnce(stateMachineArn, input.orderId, input);
  logger.info(outcome === 'started' ? 'order saga started' : 'order saga already started', { orderId: input.orderId, correlationId: input.correlationId });
}
