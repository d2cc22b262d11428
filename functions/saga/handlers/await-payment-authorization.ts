import { awaitPaymentAuthorization } from '../application/await-payment-authorization';
import { awaitPaymentInputSchema } from '../domain/saga-messages';
import { sagaStepHandler } from './saga-step-handler';

/** Saga state AwaitPaymentAuthorization (`.waitForTaskToken`): parks the saga until the payment webhook resumes it. */
export const handler = sagaStepHandler('AwaitPaymentAuthorization', awaitPaymentInputSchema, (input) => input.saga, (input) => awaitPaymentAuthorization(input));
