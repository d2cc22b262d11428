import { confirmOrder } from '../application/confirm-order';
import { sagaContextSchema } from '../domain/saga-messages';
import { sagaStepHandler } from './saga-step-handler';

/** Saga state ConfirmOrder: pending → confirmed, unless a cancel won the race. */
export const handler = sagaStepHandler('ConfirmOrder', sagaContextSchema, (context) => context, (context) => confirmOrder(context));
