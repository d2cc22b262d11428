import type { ApiCall } from './api-client';
import { eventually } from './eventually';

/** The order once the saga has taken it out of `pending` (the saga runs after the response, by design). */
export async function settledOrder(call: ApiCall, token: string, orderId: string, timeoutMs?: number) {
  return eventually(
    async () => {
      const { data: order, response } = await call.typed(token).GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } });
      if (!order) throw new Error(`GET order ${orderId} answered ${response.status}`);
      if (order.status === 'pending') throw new Error(`order ${orderId} is still pending`);
      return order;
    },
    { what: `order ${orderId} leaves pending`, timeoutMs },
  );
}

/** Waits until the payment reaches `status` (a compensation, a refund) and returns it. */
export async function paymentReaches(call: ApiCall, token: string, paymentId: string, status: string) {
  return eventually(
    async () => {
      const { data: payment, response } = await call.typed(token).GET('/api/v1/payments/{id}', { params: { path: { id: paymentId } } });
      if (!payment) throw new Error(`GET payment ${paymentId} answered ${response.status}`);
      if (payment.status !== status) throw new Error(`payment ${paymentId} is ${payment.status}, not ${status}`);
      return payment;
    },
    { what: `payment ${paymentId} becomes ${status}` },
  );
}
