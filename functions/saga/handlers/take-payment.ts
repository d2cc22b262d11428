import { sagaPaymentProvider } from '../adapters/saga-payment-provider';
import { sagaStepHandler } from '../adapters/saga-step-handler';
import { takePayment } from '../application/take-payment';
import type { SagaPorts } from '../domain/ports';
import { sagaContextSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';

/** Saga state TakePayment: authorize and capture through the circuit-broken provider. */
export const takePaymentHandler = (ports: Pick<SagaPorts, 'orders' | 'payments'>) =>
  sagaStepHandler(
    'TakePayment',
    sagaContextSchema,
    (context) => context,
    (context) => takePayment(ports, context, sagaPaymentProvider()),
  );

export const handler = takePaymentHandler({ orders: dynamoDbSagaOrders, payments: dynamoDbSagaPayments });
