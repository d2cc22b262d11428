import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf } from '#shared/http/caller';
import { notFound } from '#shared/http/problem';
import { parseParameter } from '#shared/http/request-validation';
import { dynamoDbPaymentRepository } from '../adapters/payment-repository';
import { findVisiblePayment } from '../application/payment-access';
import { paymentIdSchema, paymentView } from '../domain/payment';
import type { PaymentsPorts } from '../domain/ports';

/** getPayment: the owner's or, for an admin, anyone's. Someone else's is a 404, never a 403. */
export function getPaymentHandler(ports: Pick<PaymentsPorts, 'payments'>) {
  return apiHandler(async (event) => {
    const caller = callerOf(event);
    const id = parseParameter(paymentIdSchema, 'id', event.pathParameters?.id);
    const payment = await findVisiblePayment(ports, caller, id);
    if (!payment) throw notFound(`No payment with id ${id}.`);
    return jsonResponse(200, paymentView(payment));
  });
}

export const handler = getPaymentHandler({ payments: dynamoDbPaymentRepository });
