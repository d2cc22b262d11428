import { sagaPaymentProvider } from '../adapters/saga-payment-provider';
import { sagaStepHandler } from '../adapters/saga-step-handler';
import { compensateOrder } from '../application/compensate-order';
import type { SagaPorts } from '../domain/ports';
import { compensationInputSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';
import { dynamoDbStockReservations } from '../adapters/stock-reservation-store';

/** Saga state Compensate (and the cancellation machine's only state): cancel, release stock, void or refund. */
export const compensateOrderHandler = (ports: Pick<SagaPorts, 'orders' | 'payments' | 'reservations'>) =>
  sagaStepHandler(
    'Compensate',
    compensationInputSchema,
    (input) => input,
    (input) => compensateOrder(ports, input, sagaPaymentProvider()),
  );

export const handler = compensateOrderHandler({ orders: dynamoDbSagaOrders, payments: dynamoDbSagaPayments, reservations: dynamoDbStockReservations });
