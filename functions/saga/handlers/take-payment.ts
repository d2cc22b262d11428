import { guardedPaymentProvider } from '../../payments/adapters/circuit-breaker-payment-provider';
import { takePayment } from '../application/take-payment';
import { sagaContextSchema } from '../domain/saga-messages';
import { sagaStepHandler } from './saga-step-handler';

/** Saga state TakePayment: authorize and capture through the circuit-broken provider. */
export const handler = sagaStepHandler('TakePayment', sagaContextSchema, (context) => context, (context) => takePayment(context, guardedPaymentProvider()));
