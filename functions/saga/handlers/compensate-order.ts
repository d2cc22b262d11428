import { guardedPaymentProvider } from '../../payments/adapters/circuit-breaker-payment-provider';
import { compensateOrder } from '../application/compensate-order';
import { compensationInputSchema } from '../domain/saga-messages';
import { sagaStepHandler } from './saga-step-handler';

/** Saga state Compensate (and the cancellation machine's only state): cancel, release stock, void or refund. */
export const handler = sagaStepHandler('Compensate', compensationInputSchema, (input) => input, (input) => compensateOrder(input, guardedPaymentProvider()));
