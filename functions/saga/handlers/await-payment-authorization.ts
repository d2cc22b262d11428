import { sagaStepHandler } from '../adapters/saga-step-handler';
import { awaitPaymentAuthorization } from '../application/await-payment-authorization';
import type { SagaPorts } from '../domain/ports';
import { awaitPaymentInputSchema } from '../domain/saga-messages';
import { dynamoDbSagaOrders } from '../adapters/saga-order-store';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';
import { stepFunctionsTaskCallbacks } from '../adapters/saga-task-callbacks';

/** Saga state AwaitPaymentAuthorization (`.waitForTaskToken`): parks the saga until the payment webhook resumes it. */
export const awaitPaymentAuthorizationHandler = (ports: Pick<SagaPorts, 'orders' | 'payments' | 'taskCallbacks'>) =>
  sagaStepHandler(
    'AwaitPaymentAuthorization',
    awaitPaymentInputSchema,
    (input) => input.saga,
    (input) => awaitPaymentAuthorization(ports, input),
  );

export const handler = awaitPaymentAuthorizationHandler({
  orders: dynamoDbSagaOrders,
  payments: dynamoDbSagaPayments,
  taskCallbacks: stepFunctionsTaskCallbacks,
});
