import { logger } from '#shared/powertools';
import { secretValue } from '#shared/aws/secret-value';
import type { PaymentProvider } from '../domain/payment-provider';
import { DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS, HttpPaymentProvider } from './http-payment-provider';
import { PaymentSimulator } from './payment-simulator';
import { ENVIRONMENT } from '#contracts/environment';
import { webhookSender } from '#contracts/payment-provider/webhook-delivery';

/**
 * Environment:
 * - `PAYMENT_PROVIDER`: `simulator` (the default) or `http` (the PaymentIntents-style HTTP adapter).
 * - `PAYMENT_PROVIDER_URL` (with `http`, required): the provider API's origin, e.g. `https://api.stripe.com`.
 * - `PAYMENT_PROVIDER_TIMEOUT_MS` (with `http`): per-request timeout (default 5000).
 * - `PAYMENT_PROVIDER_API_KEY` or `PAYMENT_PROVIDER_API_KEY_SECRET_ARN` (with `http`): the API key.
 * - `PAYMENT_SIMULATOR_WEBHOOK_URL`: where the simulator posts `tok_async` completions (a webhook
 *   route); unset, they are not sent. Needs `PAYMENT_WEBHOOK_SECRET` to sign them. (The local runtime
 *   sets `http` and runs the provider itself: local/payments/.)
 * - `PAYMENT_SIMULATOR_WEBHOOK_DELAY_MS`: how long after authorization (default 1000).
 * - `PAYMENT_SIMULATOR_FAILURE_RATE`: share of simulator calls (0..1) that fail transiently (fault tests).
 *
 * The stack and the local runtime set `PAYMENT_PROVIDER`, its URL and its key for the functions the
 * wiring flags `callsPaymentProvider`, from the stage's `payments` setting (lib/wiring/function-environment.ts).
 */
const PAYMENT_PROVIDER_ENV = ENVIRONMENT.paymentProvider;

let provider: PaymentProvider | undefined;

function simulatorFromEnvironment(): PaymentSimulator {
  const url = process.env.PAYMENT_SIMULATOR_WEBHOOK_URL;
  const delayMs = Number(process.env.PAYMENT_SIMULATOR_WEBHOOK_DELAY_MS ?? 1000);
  const failureRate = Number(process.env.PAYMENT_SIMULATOR_FAILURE_RATE ?? 0);
  return new PaymentSimulator({
    failureRate: failureRate > 0 && failureRate <= 1 ? failureRate : 0,
    sendWebhook: url
      ? webhookSender({ url, delayMs: Number.isFinite(delayMs) ? delayMs : 1000, secret: () => secretValue('PAYMENT_WEBHOOK_SECRET'), log: logger })
      : undefined,
  });
}

function httpProviderFromEnvironment(): HttpPaymentProvider {
  const baseUrl = process.env[ENVIRONMENT.paymentProviderUrl];
  if (!baseUrl) throw new Error(`${PAYMENT_PROVIDER_ENV}=http needs ${ENVIRONMENT.paymentProviderUrl}`);
  const timeoutMs = Number(process.env.PAYMENT_PROVIDER_TIMEOUT_MS ?? DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS);
  return new HttpPaymentProvider({ baseUrl, timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS });
}

/** The stage's payment provider, created on first use and kept for the sandbox's life. */
export function paymentProvider(): PaymentProvider {
  if (!provider) {
    const name = process.env[PAYMENT_PROVIDER_ENV] || 'simulator';
    if (name === 'simulator') provider = simulatorFromEnvironment();
    else if (name === 'http') provider = httpProviderFromEnvironment();
    else throw new Error(`${PAYMENT_PROVIDER_ENV}=${name} names no payment provider this build has (simulator, http)`);
  }
  return provider;
}
