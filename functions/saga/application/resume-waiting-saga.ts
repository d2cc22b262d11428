import { findSagaPayment } from '../adapters/saga-payment-store';
import { sendSagaCallback } from '../adapters/saga-task-callbacks';
import { sagaCallbackFor, type SagaCallback } from '../domain/payment-plan';

/**
 * How a saga parked on a payment (AwaitPaymentAuthorization) is resumed from outside:
 * - `resumed`: the token was answered;
 * - `no-waiting-saga`: no saga ever parked on this payment (a synchronous payment, or the wait step
 *   has not stored its token yet: it then reads the outcome itself);
 * - `still-pending`: nothing to tell yet;
 * - `stale`: the token no longer waits (already answered, timed out, execution over).
 */
export type ResumeOutcome = 'resumed' | 'no-waiting-saga' | 'still-pending' | 'stale';

/** After the webhook recorded the provider's answer: SendTaskSuccess (authorized) or SendTaskFailure (declined). */
export async function resumeSagaWaitingOnPayment(paymentId: string): Promise<ResumeOutcome> {
  const payment = await findSagaPayment(paymentId);
  if (!payment?.sagaTaskToken) return 'no-waiting-saga';
  const callback = sagaCallbackFor(payment);
  if (!callback) return 'still-pending';
  return resume(payment.sagaTaskToken, callback);
}

/** After a customer cancelled a pending order: ends the saga's wait now, so it compensates without waiting for its timeout. */
export async function wakeSagaOfCancelledOrder(paymentId: string): Promise<ResumeOutcome> {
  const payment = await findSagaPayment(paymentId);
  if (!payment?.sagaTaskToken) return 'no-waiting-saga';
  // Only a pending payment has a saga waiting on it; otherwise the webhook already resumed it.
  if (payment.status !== 'pending') return 'stale';
  return resume(payment.sagaTaskToken, { kind: 'failure', error: 'OrderCancelled', cause: 'the order was cancelled while its payment was pending' });
}

async function resume(taskToken: string, callback: SagaCallback): Promise<ResumeOutcome> {
  return (await sendSagaCallback(taskToken, callback)) === 'sent' ? 'resumed' : 'stale';
}
