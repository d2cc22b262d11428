import type { ApiCall } from './api-client';
import { eventually } from './eventually';

/** The order once the saga has taken it out of `pending` (the saga runs after the response, by design). */
export async function settledOrder(call: ApiCall, token: string, orderId: string, timeoutMs?: number) {
  return eventually(
    async () => {
      const order = await call('GET', `/api/v1/orders/${orderId}`, { token });
      if (order.body.status === 'pending') throw new Error(`order ${orderId} is still pending`);
      return order.body;
    },
    { what: `order ${orderId} leaves pending`, timeoutMs },
  );
}

/** Waits until the payment reaches `status` (a compensation, a refund) and returns it. */
export async function paymentReaches(call: ApiCall, token: string, paymentId: string, status: string) {
  return eventually(
    async () => {
      const payment = await call('GET', `/api/v1/payments/${paymentId}`, { token });
      if (payment.body.status !== status) throw new Error(`payment ${paymentId} is ${payment.body.status}, not ${status}`);
      return payment.body;
    },
    { what: `payment ${paymentId} becomes ${status}` },
  );
}
