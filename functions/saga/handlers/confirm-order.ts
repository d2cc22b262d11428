import { sagaStepHandler } from '../adapters/saga-step-handler';
import { confirmOrder } from '../application/confirm-order';
import type { SagaPorts } from '../domain/ports';
import { sagaContextSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';

/** Saga state ConfirmOrder: pending → confirmed, unless a cancel won the race. */
export const confirmOrderHandler = (ports: Pick<SagaPorts, 'orders'>) =>
  sagaStepHandler(
    'ConfirmOrder',
    sagaContextSchema,
    (context) => context,
    (context) => confirmOrder(ports, context),
  );

export const handler = confirmOrderHandler({ orders: dynamoDbSagaOrders });
