import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '#contracts/payment-provider/webhook-signature';
import type { CallOptions } from './api-client';

export const WEBHOOK_ROUTE = '/api/v1/webhooks/payments';

export interface ProviderEvent {
  id: string;
  type: 'payment.authorized' | 'payment.failed';
  data: { paymentId: string; reason?: string };
}

/** The exact bytes of a provider event, as CallOptions: unsigned unless a secret is given. */
export function webhookRequest(event: ProviderEvent, signing?: { secret: string; at?: Date }): CallOptions {
  const raw = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signing) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookPayload(raw, signing.secret, signing.at ?? new Date());
  return { raw, headers };
}
