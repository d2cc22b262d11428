import { secretValue } from '../../shared/aws/secret-value';
import type { PaymentProvider } from '../domain/payment-provider';
import { PaymentSimulator } from './payment-simulator';
import { simulatorWebhookSender } from './simulator-webhook-sender';

/**
 * Environment:
 * - `PAYMENT_PROVIDER`: `simulator` (the default; the only provider this build has).
 * - `PAYMENT_SIMULATOR_WEBHOOK_URL`: where the simulator posts `tok_async` completions (the local
 *   runtime's webhook route); unset, they are not sent. Needs `PAYMENT_WEBHOOK_SECRET` to sign them.
 * - `PAYMENT_SIMULATOR_WEBHOOK_DELAY_MS`: how long after authorization (default 1000).
 */
export const PAYMENT_PROVIDER_ENV = 'PAYMENT_PROVIDER';

let provider: PaymentProvider | undefined;

function simulatorFromEnvironment(): PaymentSimulator {
  const url = process.env.PAYMENT_SIMULATOR_WEBHOOK_URL;
  const delayMs = Number(process.env.PAYMENT_SIMULATOR_WEBHOOK_DELAY_MS ?? 1000);
  return new PaymentSimulator({
    sendWebhook: url ? simulatorWebhookSender({ url, delayMs: Number.isFinite(delayMs) ? delayMs : 1000, secret: () => secretValue('PAYMENT_WEBHOOK_SECRET') }) : undefined,
  });
}

/** The stage's payment provider, created on first use and kept for the sandbox's life. */
export function paymentProvider(): PaymentProvider {
  if (!provider) {
    const name = process.env[PAYMENT_PROVIDER_ENV] || 'simulator';
    if (name !== 'simulator') throw new Error(`${PAYMENT_PROVIDER_ENV}=${name} names no payment provider this build has (simulator)`);
    provider = simulatorFromEnvironment();
  }
  return provider;
}
