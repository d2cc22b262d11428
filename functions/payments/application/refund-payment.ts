import { ulid } from 'ulid';
import { logger } from '#shared/powertools';
import type { PaymentRecord } from '../domain/payment';
import type { PaymentsPorts } from '../domain/ports';
import { refundDecision, refundIdempotencyKey } from '../domain/refund-policy';

/** How long a request waits for a concurrent refund of the same payment to finish before answering. */
const WAIT_FOR_CONCURRENT_REFUND_MS = 2_000;
const POLL_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export type RefundOutcome =
  /** Refunded now, or already before (nothing refunded twice), or still under way in a concurrent request. */
  | { kind: 'refunded' | 'already-refunded' | 'under-way'; payment: PaymentRecord }
  | { kind: 'not-found' }
  | { kind: 'nothing-to-refund'; payment: PaymentRecord };

type RefundPorts = Pick<PaymentsPorts, 'payments' | 'provider'>;

/**
 * Refunds a payment this request holds the claim on; answers the refunded payment. The provider's
 * errors (PaymentProviderUnavailable, PaymentDeclined) are passed on, the claim given up first.
 */
async function refundClaimed({ payments, provider }: RefundPorts, payment: PaymentRecord, claimId: string): Promise<PaymentRecord> {
  try {
    await provider().refund({
      payment: { id: payment.id, amount: payment.amount, currency: payment.currency, token: payment.token, providerPaymentId: payment.providerPaymentId },
      idempotencyKey: refundIdempotencyKey(payment.id),
    });
  } catch (error) {
    await payments.releaseRefundClaim(payment.id, claimId).catch((releaseError: unknown) =>
      // Not fatal: the claim's lease runs out on its own.
      logger.warn('could not release the refund claim', { paymentId: payment.id, error: releaseError as Error }),
    );
    throw error;
  }
  // Undefined only when our lease ran out and another request finished the refund (the same
  // idempotency key made the provider refund once): the payment is refunded either way.
  return (await payments.completeRefund(payment.id, claimId, new Date())) ?? (await payments.find(payment.id, { consistent: true }))!;
}

/**
 * A full refund of a captured payment. Idempotent: an already refunded payment is answered again
 * without calling the provider. Concurrent requests refund once: one claims the payment and calls the
 * provider, the others wait for its outcome (and answer with the payment as it stands if it takes
 * longer: the refund is under way).
 */
export async function refundPayment(ports: RefundPorts, id: string): Promise<RefundOutcome> {
  const claimId = ulid();
  const waitUntil = Date.now() + WAIT_FOR_CONCURRENT_REFUND_MS;
  for (;;) {
    const claim = await ports.payments.claimRefund(id, claimId, new Date());
    if (claim.claimed) return { kind: 'refunded', payment: await refundClaimed(ports, claim.payment, claimId) };
    const payment = claim.payment;
    if (!payment) return { kind: 'not-found' };
    switch (refundDecision(payment.status)) {
      case 'already-refunded':
        return { kind: 'already-refunded', payment };
      case 'nothing-to-refund':
        return { kind: 'nothing-to-refund', payment };
      case 'refund':
        // Captured, but another request holds the claim.
        if (Date.now() >= waitUntil) return { kind: 'under-way', payment };
        await sleep(POLL_INTERVAL_MS);
    }
  }
}
