/**
 * The test card tokens, as the simulated provider reads them (the same table as the in-sandbox
 * PaymentSimulator, functions/payments/adapters/payment-simulator.ts):
 *
 * | token                    | what the provider does                                                  |
 * |--------------------------|-------------------------------------------------------------------------|
 * | `tok_visa`               | authorizes; capture, cancel and refund succeed                          |
 * | `tok_declined`           | declined `card_declined`                                                |
 * | `tok_insufficient_funds` | declined `insufficient_funds`                                           |
 * | `tok_flaky`              | the first 2 authorize calls of a payment fail with a 503, then as tok_visa |
 * | `tok_unavailable`        | every authorize call fails with a 503                                   |
 * | `tok_async`              | authorizes later: `processing`, completed by webhook                    |
 * | anything else            | declined `invalid_token`                                                |
 */

export const DEFAULT_DECLINE_CODES: Readonly<Record<string, string>> = { tok_declined: 'card_declined', tok_insufficient_funds: 'insufficient_funds' };

export const ASYNC_TOKEN = 'tok_async';

/** Tokens that end authorized (at once, after an outage, or later). */
const AUTHORIZING_TOKENS = new Set(['tok_visa', 'tok_flaky', 'tok_unavailable', ASYNC_TOKEN]);

const FLAKY_FAILURES = 2;

/** The decline code for a token with no decline of its own: none for a test card that authorizes. */
export function declineCodeOfUnknown(token: string): string | undefined {
  return AUTHORIZING_TOKENS.has(token) ? undefined : 'invalid_token';
}

/** tok_flaky's and tok_unavailable's outages; tok_flaky counts its attempts per payment. */
export class CardOutages {
  private readonly flakyAttempts = new Map<string, number>();

  /** Why this authorize attempt of `payment` with `token` fails transiently, if it does (the attempt is counted). */
  outageFor(token: string, payment: string): string | undefined {
    if (token === 'tok_unavailable') return 'The payment provider is unavailable (simulated outage).';
    if (token !== 'tok_flaky') return undefined;
    const attempt = (this.flakyAttempts.get(payment) ?? 0) + 1;
    this.flakyAttempts.set(payment, attempt);
    return attempt <= FLAKY_FAILURES ? `The payment provider timed out (simulated, attempt ${attempt}).` : undefined;
  }
}
