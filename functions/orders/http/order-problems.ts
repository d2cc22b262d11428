import { HttpProblem, conflict, forbidden, notFound } from '#shared/http/problem';
import {
  ConcurrentOrderChangeError,
  ForeignOrdersListingError,
  IdempotencyKeyReusedError,
  OrderNotFoundError,
  PlacementInProgressError,
} from '../application/application-errors';
import { InvalidTransitionError, MixedCurrenciesError, UnknownSkusError } from '../domain/order-errors';

/**
 * How long a client should wait when its first request with the same Idempotency-Key is still being
 * processed: placing an order takes well under a second, so one second usually finds it done.
 */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

const unprocessable = (slug: string, detail: string, errors?: { path: string; message: string }[]) =>
  new HttpProblem(422, slug, 'Unprocessable Content', detail, { errors });

/**
 * The HTTP answer for an error of the orders context, or the error itself when it is not one (the
 * shared error middleware then answers 500 without leaking it).
 */
export function orderProblemFor(error: unknown): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof UnknownSkusError) {
    return unprocessable(
      'unknown-sku',
      error.message,
      error.unknown.map(({ index, sku }) => ({ path: `/items/${index}/sku`, message: `no product with sku ${sku}` })),
    );
  }
  if (error instanceof MixedCurrenciesError) return unprocessable('mixed-currencies', error.message);
  if (error instanceof InvalidTransitionError) return new HttpProblem(409, 'invalid-transition', 'Conflict', error.message);
  if (error instanceof OrderNotFoundError) return notFound(error.message);
  if (error instanceof ForeignOrdersListingError) return forbidden(error.message);
  if (error instanceof ConcurrentOrderChangeError) return conflict(error.message);
  if (error instanceof IdempotencyKeyReusedError) return unprocessable('idempotency-key-reused', error.message);
  if (error instanceof PlacementInProgressError) {
    return new HttpProblem(409, 'request-in-progress', 'Conflict', error.message, {
      headers: { 'retry-after': String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
    });
  }
  return error;
}
