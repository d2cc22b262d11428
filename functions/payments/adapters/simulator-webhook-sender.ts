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
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Sends the simulator's events to our own webhook route, signed like the real provider's, so the
 * local runtime exercises the same path (signature, replay check, status update) as production.
 */
export function simulatorWebhookSender(options: SimulatorWebhookSenderOptions): (event: SimulatorWebhookEvent) => void {
  const attempts = options.attempts ?? 3;
  const deliver = async (event: SimulatorWebhookEvent) => {
    await sleep(options.delayMs);
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(body, await options.secret(), new Date()) },
          body,
        });
        if (response.ok) return;
        logger.warn('simulated webhook refused', { eventId: event.id, status: response.status, attempt });
      } catch (error) {
        logger.warn('simulated webhook not delivered', { eventId: event.id, attempt, error: error as Error });
      }
      await sleep(options.delayMs * attempt);
    }
  };
  return (event) => {
    void deliver(event);
  };
}
