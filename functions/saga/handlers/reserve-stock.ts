import { reserveStockForOrder } from '../application/reserve-stock';
import { sagaInputSchema } from '../domain/saga-messages';
import { sagaStepHandler } from './saga-step-handler';

/** Saga state ReserveStock: all of the order's lines in one transaction; its output is the saga's context. */
export const handler = sagaStepHandler('ReserveStock', sagaInputSchema, (input) => input, (input) => reserveStockForOrder(input));
