import { paymentTimeoutSeconds } from '../adapters/saga-settings';
import { sagaStepHandler } from '../adapters/saga-step-handler';
import { reserveStockForOrder } from '../application/reserve-stock';
import type { SagaPorts } from '../domain/ports';
import { sagaInputSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbStockReservations } from '../adapters/stock-reservation-store';

/** Saga state ReserveStock: all of the order's lines in one transaction; its output is the saga's context. */
export const reserveStockHandler = (ports: Pick<SagaPorts, 'orders' | 'reservations'>) =>
  sagaStepHandler(
    'ReserveStock',
    sagaInputSchema,
    (input) => input,
    (input) => reserveStockForOrder(ports, input, { paymentTimeoutSeconds: paymentTimeoutSeconds() }),
  );

export const handler = reserveStockHandler({ orders: dynamoDbSagaOrders, reservations: dynamoDbStockReservations });
