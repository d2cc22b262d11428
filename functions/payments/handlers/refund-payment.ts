import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf, requireAdmin } from '#shared/http/caller';
import { conflict, HttpProblem, notFound } from '#shared/http/problem';
import { parseParameter } from '#shared/http/request-validation';
import { paymentProvider } from '../adapters/payment-provider-factory';
import { dynamoDbPaymentRepository } from '../adapters/payment-repository';
import { type RefundOutcome, refundPayment } from '../application/refund-payment';
import { paymentIdSchema, paymentView } from '../domain/payment';
import { PaymentDeclined, PaymentProviderUnavailable } from '../domain/payment-errors';
import type { PaymentsPorts } from '../domain/ports';

const PROVIDER_RETRY_AFTER_SECONDS = '5';

/** The provider's refusals as answers: an outage is a 503 to retry, a refused refund a 409. */
function refundProblemFor(error: unknown): unknown {
  if (error instanceof PaymentProviderUnavailable) {
    return new HttpProblem(
      503,
      'payment-provider-unavailable',
      'Service Unavailable',
      'The payment provider is unavailable; nothing was refunded. Try again later.',
      {
        headers: { 'retry-after': PROVIDER_RETRY_AFTER_SECONDS },
      },
    );
  }
  if (error instanceof PaymentDeclined) return conflict(`The payment provider refused the refund (${error.reason}).`);
  return error;
}

/**
 * refundPayment (admin): a full refund of a captured payment, 202 (also when it was refunded already,
 * or while a concurrent request completes it); 409 when there is nothing to refund.
 */
export function refundPaymentHandler(ports: Pick<PaymentsPorts, 'payments' | 'provider'>) {
  return apiHandler(async (event) => {
    requireAdmin(callerOf(event));
    const id = parseParameter(paymentIdSchema, 'id', event.pathParameters?.id);
    let outcome: RefundOutcome;
    try {
      outcome = await refundPayment(ports, id);
    } catch (error) {
      throw refundProblemFor(error);
    }
    switch (outcome.kind) {
      case 'not-found':
        throw notFound(`No payment with id ${id}.`);
      case 'nothing-to-refund':
        throw conflict(`Payment ${id} is ${outcome.payment.status}: there is nothing to refund.`);
      default:
        return jsonResponse(202, paymentView(outcome.payment));
    }
  });
}

export const handler = refundPaymentHandler({ payments: dynamoDbPaymentRepository, provider: paymentProvider });
