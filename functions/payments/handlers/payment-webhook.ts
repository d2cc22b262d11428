import type { APIGatewayProxyEvent } from 'aws-lambda';
import { secretValue } from '../../shared/aws/secret-value';
import { apiHandler } from '../../shared/http/api-handler';
import { HttpProblem } from '../../shared/http/problem';
import { parseJsonBody } from '../../shared/http/request-validation';
import { logger } from '../../shared/powertools';
import { resumeSagaWaitingOnPayment } from '../../saga/application/resume-waiting-saga';
import { findPayment } from '../adapters/payment-repository';
import { recordWebhookEvent, type PaymentStatusChange, type RecordOutcome } from '../adapters/webhook-event-ledger';
import { transitionOutcome } from '../domain/payment-transitions';
import { reportedStatus, webhookEventSchema, type WebhookEvent } from '../domain/webhook-event';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../domain/webhook-signature';

/** Attempts at recording an event whose payment changes (or whose items are contended) meanwhile. */
const RECORD_ATTEMPTS = 4;

function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const match = Object.keys(event.headers ?? {}).find((key) => key.toLowerCase() === name);
  return match ? (event.headers[match] ?? undefined) : undefined;
}

/** The body exactly as the provider signed it. */
const rawBody = (event: APIGatewayProxyEvent): Buffer => Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const noContent = () => ({ statusCode: 204, headers: {}, body: '' });

/** The status change an event asks for, if it reports one its payment may make. */
async function changeFor(event: WebhookEvent): Promise<PaymentStatusChange | undefined> {
  const to = reportedStatus(event.type);
  if (!to) return undefined;
  const payment = await findPayment(event.data.paymentId, { consistent: true });
  if (!payment) {
    logger.warn('webhook event for an unknown payment', { eventId: event.id, type: event.type, paymentId: event.data.paymentId });
    return undefined;
  }
  const outcome = transitionOutcome(payment.status, to);
  if (outcome === 'not-allowed') logger.warn('webhook event reports a transition the payment cannot make', { eventId: event.id, from: payment.status, to });
  return outcome === 'apply' ? { paymentId: payment.id, from: payment.status, to } : undefined;
}

/**
 * POST /api/v1/webhooks/payments: the provider's signed events, 204. The signature is checked over
 * the raw body before the body is parsed (the gateway has no model for this route), so a missing,
 * bad or stale signature is a 401 whatever the body. Each event id is acted on once: it is recorded
 * together with the status change it reports, and a redelivery finds it recorded and changes nothing.
 */
export const handler = apiHandler(async (event) => {
  const verdict = verifyWebhookSignature(headerValue(event, WEBHOOK_SIGNATURE_HEADER), rawBody(event), await secretValue('PAYMENT_WEBHOOK_SECRET'), new Date());
  if (!verdict.valid) {
    logger.warn('webhook signature rejected', { reason: verdict.reason });
    throw new HttpProblem(401, 'invalid-signature', 'Unauthorized', 'The Stripe-Signature header is missing, malformed, stale or does not match the body.');
  }
  const providerEvent = parseJsonBody(webhookEventSchema, event.body, event.isBase64Encoded);

  let outcome: RecordOutcome = await recordWebhookEvent(providerEvent, new Date(), await changeFor(providerEvent));
  for (let attempt = 2; attempt <= RECORD_ATTEMPTS && (outcome === 'contended' || outcome === 'payment-changed'); attempt++) {
    // Jittered, so that concurrent deliveries of one event do not collide again in step.
    if (outcome === 'contended') await sleep(Math.random() * 50 * attempt);
    outcome = await recordWebhookEvent(providerEvent, new Date(), await changeFor(providerEvent));
  }
  if (outcome === 'contended' || outcome === 'payment-changed') {
    // The provider redelivers on any non-2xx answer; by then the payment has settled.
    throw new HttpProblem(503, 'busy', 'Service Unavailable', 'The payment is changing; deliver the event again later.', { headers: { 'retry-after': '1' } });
  }
  // Resume the saga parked on this payment (its task token) with what the payment now says. Also for a
  // `duplicate`: a redelivery after our resume call failed (the error answers 500) must resume it. A saga
  // that has not parked yet reads the outcome itself when it does (await-payment-authorization.ts).
  const resumed = outcome === 'recorded' || outcome === 'duplicate' ? await resumeSagaWaitingOnPayment(providerEvent.data.paymentId) : 'no-waiting-saga';
  logger.info('webhook event processed', { eventId: providerEvent.id, type: providerEvent.type, paymentId: providerEvent.data.paymentId, outcome, saga: resumed });
  return noContent();
});
