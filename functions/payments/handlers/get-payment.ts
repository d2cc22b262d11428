import { apiHandler, jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { notFound } from '../../shared/http/problem';
import { parseParameter } from '../../shared/http/request-validation';
import { findPayment } from '../adapters/payment-repository';
import { mayRead, paymentIdSchema, paymentView } from '../domain/payment';

/** GET /api/v1/payments/{id}: the owner's or, for an admin, anyone's. Someone else's is a 404, never a 403. */
export const handler = apiHandler(async (event) => {
  const caller = callerOf(event);
  const id = parseParameter(paymentIdSchema, 'id', event.pathParameters?.id);
  const payment = await findPayment(id);
  if (!payment || !mayRead(payment, caller)) throw notFound(`No payment with id ${id}.`);
  return jsonResponse(200, paymentView(payment));
});
