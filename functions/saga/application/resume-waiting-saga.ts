import { SAGA_ERROR } from '#contracts/saga-errors';
import { sagaCallbackFor, type SagaCallback } from '../domain/payment-plan';
import type { SagaPorts } from '../domain/ports';

/** What resuming a parked saga needs: the payment (where the token is kept) and Step Functions' task answers. */
export type ResumePorts = Pick<SagaPorts, 'payments' | 'taskCallbacks'>;

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
export async function resumeSagaWaitingOnPayment(ports: ResumePorts, paymentId: string): Promise<ResumeOutcome> {
  const payment = await ports.payments.find(paymentId);
  if (!payment?.sagaTaskToken) return 'no-waiting-saga';
  const callback = sagaCallbackFor(payment);
  if (!callback) return 'still-pending';
  return resume(ports, payment.sagaTaskToken, callback);
}

/** After a customer cancelled a pending order: ends the saga's wait now, so it compensates without waiting for its timeout. */
export async function wakeSagaOfCancelledOrder(ports: ResumePorts, paymentId: string): Promise<ResumeOutcome> {
  const payment = await ports.payments.find(paymentId);
  if (!payment?.sagaTaskToken) return 'no-waiting-saga';
  // Only a pending payment has a saga waiting on it; otherwise the webhook already resumed it.
  if (payment.status !== 'pending') return 'stale';
  return resume(ports, payment.sagaTaskToken, {
    kind: 'failure',
    error: SAGA_ERROR.orderCancelled,
    cause: 'the order was cancelled while its payment was pending',
  });
}

async function resume({ taskCallbacks }: ResumePorts, taskToken: string, callback: SagaCallback): Promise<ResumeOutcome> {
  return (await taskCallbacks.send(taskToken, callback)) === 'sent' ? 'resumed' : 'stale';
}
