import { ulid } from 'ulid';
import { apiHandler, jsonResponse } from '../../shared/http/api-handler';
import { callerOf, requireAdmin } from '../../shared/http/caller';
import { conflict, HttpProblem, notFound } from '../../shared/http/problem';
import { parseParameter } from '../../shared/http/request-validation';
import { logger } from '../../shared/powertools';
import { paymentProvider } from '../adapters/payment-provider-factory';
import { claimRefund, completeRefund, findPayment, releaseRefundClaim } from '../adapters/payment-repository';
import { paymentIdSchema, paymentView, type PaymentRecord } from '../domain/payment';
import { PaymentDeclined, PaymentProviderUnavailable } from '../domain/payment-errors';
import { refundDecision, refundIdempotencyKey } from '../domain/refund-policy';

/** How long a request waits for a concurrent refund of the same payment to finish before answering. */
const WAIT_FOR_CONCURRENT_REFUND_MS = 2_000;
const POLL_INTERVAL_MS = 100;
const PROVIDER_RETRY_AFTER_SECONDS = '5';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Refunds a payment this request holds the claim on; answers the refunded payment. */
async function refundClaimed(payment: PaymentRecord, claimId: string): Promise<PaymentRecord> {
  try {
    await paymentProvider().refund({
      payment: { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token, providerPaymentId: payment.providerPaymentId },
      idempotencyKey: refundIdempotencyKey(payment.id),
    });
  } catch (error) {
    await releaseRefundClaim(payment.id, claimId).catch((releaseError: unknown) =>
      // Not fatal: the claim's lease runs out on its own.
      logger.warn('could not release the refund claim', { paymentId: payment.id, error: releaseError as Error }),
    );
    if (error instanceof PaymentProviderUnavailable) {
      throw new HttpProblem(503, 'payment-provider-unavailable', 'Service Unavailable', 'The payment provider is unavailable; nothing was refunded. Try again later.', {
        headers: { 'retry-after': PROVIDER_RETRY_AFTER_SECONDS },
      });
    }
    if (error instanceof PaymentDeclined) throw conflict(`The payment provider refused the refund (${error.reason}).`);
    throw error;
  }
  // Undefined only when our lease ran out and another request finished the refund (the same
  // idempotency key made the provider refund once): the payment is refunded either way.
  return (await completeRefund(payment.id, claimId, new Date())) ?? (await findPayment(payment.id, { consistent: true }))!;
}

/**
 * POST /api/v1/payments/{id}/refund (admin): a full refund of a captured payment, 202. Idempotent:
 * an already refunded payment answers 202 again without calling the provider. Concurrent requests
 * refund once: one claims the payment and calls the provider, the others wait for its outcome (and
 * answer 202 with the payment as it stands if it takes longer: the refund is under way).
 */
export const handler = apiHandler(async (event) => {
  requireAdmin(callerOf(event));
  const id = parseParameter(paymentIdSchema, 'id', event.pathParameters?.id);
  const claimId = ulid();
  const waitUntil = Date.now() + WAIT_FOR_CONCURRENT_REFUND_MS;
  for (;;) {
    const claim = await claimRefund(id, claimId, new Date());
    if (claim.claimed) return jsonResponse(202, paymentView(await refundClaimed(claim.payment, claimId)));
    const payment = claim.payment;
    if (!payment) throw notFound(`No payment with id ${id}.`);
    switch (refundDecision(payment.status)) {
      case 'already-refunded':
        return jsonResponse(202, paymentView(payment));
      case 'nothing-to-refund':
        throw conflict(`Payment ${id} is ${payment.status}: there is nothing to refund.`);
      case 'refund':
        // Captured, but another request holds the claim.
        if (Date.now() >= waitUntil) return jsonResponse(202, paymentView(payment));
        await sleep(POLL_INTERVAL_MS);
    }
  }
});
