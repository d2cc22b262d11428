import { logger } from '#shared/powertools';
import { sagaCallbackFor } from '../domain/payment-plan';
import type { SagaPorts } from '../domain/ports';
import type { AwaitPaymentInput } from '../domain/saga-messages';
import { OrderCancelled, SagaInvariantViolated } from '../domain/saga-errors';

/**
 * The `.waitForTaskToken` state's function: parks the saga on the payment until the provider's webhook
 * resumes it (resumeSagaWaitingOnPayment) or the state's timeout sends it to compensation.
 * - The token is stored only while the payment is still pending. If the webhook got there first, the
 *   write fails and this function resumes the saga itself with the outcome the webhook recorded.
 * - A customer cancel that committed before the token was stored would not find it to wake the saga
 *   (see wakeSagaOfCancelledOrder); so after storing, the order is read again and a cancelled one
 *   ends the wait at once.
 */
export async function awaitPaymentAuthorization(
  { orders, payments, taskCallbacks }: Pick<SagaPorts, 'orders' | 'payments' | 'taskCallbacks'>,
  { saga, taskToken }: AwaitPaymentInput,
  now = new Date(),
): Promise<{ waiting: boolean }> {
  const stored = await payments.storeTaskToken(saga.paymentId, taskToken, saga.correlationId, now);
  if (!stored.written) {
    const payment = stored.current;
    const callback = payment && sagaCallbackFor(payment);
    if (!callback) throw new SagaInvariantViolated(`payment ${saga.paymentId} is missing or still pending, yet the token could not be stored`);
    const sent = await taskCallbacks.send(taskToken, callback);
    logger.info('payment completed before the saga parked: resumed at once', { paymentId: saga.paymentId, status: payment.status, sent });
    return { waiting: false };
  }
  const order = await orders.find(saga.orderId);
  if (order?.status === 'cancelled') throw new OrderCancelled(saga.orderId);
  logger.info('saga waiting for the payment provider', { paymentId: saga.paymentId, timeoutSeconds: saga.paymentTimeoutSeconds });
  return { waiting: true };
}
