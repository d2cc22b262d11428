import { ORDER_PAYMENT_AUTHORIZATION_ARN_ENV } from '#contracts/state-machines';
import { sagaPaymentProvider } from '../adapters/saga-payment-provider';
import { sagaStepHandler } from '../adapters/saga-step-handler';
import { stateMachineArnFrom, stepFunctionsExecutions } from '../adapters/step-functions-executions';
import { takePayment, type TakePaymentPorts } from '../application/take-payment';
import { sagaContextSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';

/** Saga state TakePayment (of the order saga and of the payment authorization machine): authorize, capture and confirm. */
export const takePaymentHandler = (ports: TakePaymentPorts) =>
  sagaStepHandler(
    'TakePayment',
    sagaContextSchema,
    (context) => context,
    (context) => takePayment(ports, context, sagaPaymentProvider()),
  );

export const handler = takePaymentHandler({
  orders: dynamoDbSagaOrders,
  payments: dynamoDbSagaPayments,
  // Named after the order: however often this runs for one order, one machine waits for its payment.
  handOver: (context) => stepFunctionsExecutions.startOnce(stateMachineArnFrom(ORDER_PAYMENT_AUTHORIZATION_ARN_ENV), context.orderId, context),
});
