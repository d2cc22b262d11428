import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';

/** An event a simulated provider sends, in the shape of the webhook body. */
export interface ProviderWebhookEvent {
  id: string;
  type: 'payment.authorized';
  data: { paymentId: string };
}

/** Where a failed delivery is reported (Powertools' Logger in a function; the console locally). */
export interface WebhookDeliveryLog {
  warn(message: string, attributes: Record<string, unknown>): void;
}

const consoleLog: WebhookDeliveryLog = { warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })) };

export interface WebhookSenderOptions {
  /** The URL of our webhook route (receivePaymentWebhook). */
  url: string;
  secret: () => Promise<string>;
  /** How long after the authorization the event is sent (the provider "completing" it). */
  delayMs: number;
  /** Deliveries before giving up; each one signed afresh, as a real provider does. */
  attempts?: number;
  /** Aborted: deliveries not yet made are dropped (the local runtime stopping must not wait for them). */
  signal?: AbortSignal;
  /** Default: JSON lines on the console. */
  log?: WebhookDeliveryLog;
}

/**
 * The provider's side of the webhook: delivers events to our webhook route, signed as the real
 * provider signs them (Stripe's `Stripe-Signature: t=…,v1=…`, webhook-signature.ts) and delivered
 * again on any non-2xx answer. Both simulated providers (the local runtime's, local/payments/, and the
 * in-function simulator of deployed stages) send through it, so they exercise the same path
 * (signature, replay check, status update) as production.
 */
export function webhookSender(options: WebhookSenderOptions): (event: ProviderWebhookEvent) => void {
  const attempts = options.attempts ?? 3;
  const log = options.log ?? consoleLog;
  const { signal } = options;
  // One abort listener for all deliveries, however many are waiting.
  const sleeping = new Set<() => void>();
  signal?.addEventListener(
    'abort',
    () => {
      for (const wake of sleeping) wake();
    },
    { once: true },
  );
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
  const deliver = async (event: ProviderWebhookEvent) => {
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
        log.warn('simulated webhook refused', { eventId: event.id, status: response.status, attempt });
      } catch (error) {
        if (signal?.aborted) return;
        log.warn('simulated webhook not delivered', { eventId: event.id, attempt, error: error as Error });
      }
      await sleep(options.delayMs * attempt);
    }
  };
  return (event) => {
    if (!signal?.aborted) void deliver(event);
  };
}
