import { logger } from '../../shared/powertools';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../domain/webhook-signature';
import type { SimulatorWebhookEvent } from './payment-simulator';

export interface SimulatorWebhookSenderOptions {
  /** The webhook route, e.g. `http://127.0.0.1:3000/api/v1/webhooks/payments`. */
  url: string;
  secret: () => Promise<string>;
  /** How long after the authorization the event is sent (the provider "completing" it). */
  delayMs: number;
  /** Deliveries before giving up; each one signed afresh, as a real provider does. */
  attempts?: number;
  /** Aborted: deliveries not yet made are dropped (the local runtime stopping must not wait for them). */
  signal?: AbortSignal;
}

/**
 * Sends the simulator's events to our own webhook route, signed like the real provider's (Stripe's
 * `Stripe-Signature: t=…,v1=…`, domain/webhook-signature.ts), so the local runtime exercises the same
 * path (signature, replay check, status update) as production.
 */
export function simulatorWebhookSender(options: SimulatorWebhookSenderOptions): (event: SimulatorWebhookEvent) => void {
  const attempts = options.attempts ?? 3;
  const { signal } = options;
  // One abort listener for all deliveries, however many are waiting.
  const sleeping = new Set<() => void>();
  signal?.addEventListener('abort', () => sleeping.forEach((wake) => wake()), { once: true });
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        sleeping.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      sleeping.add(wake);
    });
  const deliver = async (event: SimulatorWebhookEvent) => {
    await sleep(options.delayMs);
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (signal?.aborted) return;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(body, await options.secret(), new Date()) },
          body,
          signal,
        });
        if (response.ok) return;
        logger.warn('simulated webhook refused', { eventId: event.id, status: response.status, attempt });
      } catch (error) {
        if (signal?.aborted) return;
        logger.warn('simulated webhook not delivered', { eventId: event.id, attempt, error: error as Error });
      }
      await sleep(options.delayMs * attempt);
    }
  };
  return (event) => {
    if (!signal?.aborted) void deliver(event);
  };
}
