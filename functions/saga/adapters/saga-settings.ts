import { ENVIRONMENT } from '#contracts/environment';
import { DEFAULT_PAYMENT_TIMEOUT_SECONDS } from '../domain/saga-messages';

/**
 * The saga's tunables, from the step functions' environment (../wiring.ts sets the defaults):
 * - `PAYMENT_AUTHORIZATION_TIMEOUT_SECONDS` (ReserveStock): how long the saga waits for an
 *   asynchronous authorization's webhook before compensating (default 900).
 * - `STRANDED_ORDER_AFTER_MINUTES` (the reconciler): how old a pending order must be to count as stranded (default 5).
 * - `SETTLEMENT_DUE_AFTER_SECONDS` (the settlement sweeper): how long after the cancel or the last
 *   attempt to settle a cancelled order the sweeper takes it on (default 600).
 */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive integer`);
  return value;
}

export const paymentTimeoutSeconds = (): number => positiveInteger(ENVIRONMENT.paymentAuthorizationTimeoutSeconds, DEFAULT_PAYMENT_TIMEOUT_SECONDS);

export const strandedOrderAfterMinutes = (): number => positiveInteger('STRANDED_ORDER_AFTER_MINUTES', 5);

export const settlementDueAfterSeconds = (): number => positiveInteger('SETTLEMENT_DUE_AFTER_SECONDS', 600);
