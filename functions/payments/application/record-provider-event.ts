import { logger } from '#shared/powertools';
import { transitionOutcome } from '../domain/payment-transitions';
import type { PaymentsPorts, PaymentStatusChange, RecordOutcome } from '../domain/ports';
import { reportedStatus, type WebhookEvent } from '../domain/webhook-event';

/** Attempts at recording an event whose payment changes (or whose items are contended) meanwhile. */
const RECORD_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The payment kept changing (or its items stayed contended) through every attempt: the provider should deliver the event again later. */
export class PaymentChanging extends Error {
  override readonly name = 'PaymentChanging';
}

type EventPorts = Pick<PaymentsPorts, 'payments' | 'webhookEvents' | 'waitingSagas'>;

/** The status change an event asks for, if it reports one its payment may make. */
async function changeFor({ payments }: EventPorts, event: WebhookEvent): Promise<PaymentStatusChange | undefined> {
  const to = reportedStatus(event.type);
  if (!to) return undefined;
  const payment = await payments.find(event.data.paymentId, { consistent: true });
  if (!payment) {
    logger.warn('webhook event for an unknown payment', { eventId: event.id, type: event.type, paymentId: event.data.paymentId });
    return undefined;
  }
  const outcome = transitionOutcome(payment.status, to);
  if (outcome === 'not-allowed') logger.warn('webhook event reports a transition the payment cannot make', { eventId: event.id, from: payment.status, to });
  return outcome === 'apply' ? { paymentId: payment.id, from: payment.status, to } : undefined;
}

/**
 * One of the provider's events, acted on once: it is recorded together with the status change it
 * reports, and a redelivery finds it recorded and changes nothing. Then the saga parked on the
 * payment, if any, is resumed with what the payment now says.
 */
export async function recordProviderEvent(ports: EventPorts, event: WebhookEvent): Promise<{ outcome: RecordOutcome; saga: string }> {
  let outcome: RecordOutcome = await ports.webhookEvents.record(event, new Date(), await changeFor(ports, event));
  for (let attempt = 2; attempt <= RECORD_ATTEMPTS && (outcome === 'contended' || outcome === 'payment-changed'); attempt++) {
    // Jittered, so that concurrent deliveries of one event do not collide again in step.
    if (outcome === 'contended') await sleep(Math.random() * 50 * attempt);
    outcome = await ports.webhookEvents.record(event, new Date(), await changeFor(ports, event));
  }
  if (outcome === 'contended' || outcome === 'payment-changed')
    throw new PaymentChanging(`payment ${event.data.paymentId} kept changing while event ${event.id} was recorded`);
  // Resume the saga parked on this payment (its task token) with what the payment now says. Also for a
  // `duplicate`: a redelivery after our resume call failed (the error answers 500) must resume it. A saga
  // that has not parked yet reads the outcome itself when it does (functions/saga/application/await-payment-authorization.ts).
  const saga = outcome === 'recorded' || outcome === 'duplicate' ? await ports.waitingSagas.resume(event.data.paymentId) : 'no-waiting-saga';
  logger.info('webhook event processed', { eventId: event.id, type: event.type, paymentId: event.data.paymentId, outcome, saga });
  return { outcome, saga };
}
