import { dynamoDbSagaPayments } from '#saga/adapters/saga-payment-store';
import { stepFunctionsTaskCallbacks } from '#saga/adapters/saga-task-callbacks';
import { resumeSagaWaitingOnPayment } from '#saga/application/resume-waiting-saga';
import type { WaitingSagas } from '../domain/ports';

/** A payment the webhook settled may have a saga parked on it: the saga's own use case resumes it. */
export const waitingSagas = (): WaitingSagas => ({
  resume: (paymentId) => resumeSagaWaitingOnPayment({ payments: dynamoDbSagaPayments, taskCallbacks: stepFunctionsTaskCallbacks }, paymentId),
});
