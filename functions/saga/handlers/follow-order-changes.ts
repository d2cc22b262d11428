import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ORDER_CANCELLATION_ARN_ENV } from '#contracts/state-machines';
import { logger } from '#shared/powertools';
import { customerCancellationOf, placedOrderOf } from '../adapters/order-change-records';
import { sagaMachinesFromEnvironment, stateMachineArnFrom, stepFunctionsExecutions } from '../adapters/step-functions-executions';
import { type CancellationMachines, compensateCustomerCancellation } from '../application/customer-cancellation';
import { startOrderSaga } from '../application/start-order-saga';
import type { SagaPorts } from '../domain/ports';
import { dynamoDbSagaPayments } from '../adapters/saga-payment-store';
import { stepFunctionsTaskCallbacks } from '../adapters/saga-task-callbacks';

type FollowUp = { what: string; keys: { orderId: string; correlationId?: string }; run: () => Promise<unknown> };

/** What a record asks for: the saga of a placed order, the compensation of a customer cancel, or nothing. */
function followUpOf(
  ports: Pick<SagaPorts, 'executions' | 'payments' | 'taskCallbacks'>,
  record: DynamoDBRecord,
  machines: CancellationMachines,
): FollowUp | undefined {
  const placed = placedOrderOf(record);
  if (placed) return { what: 'start the order saga', keys: placed, run: () => startOrderSaga(ports.executions, machines.sagaArn, placed) };
  const cancellation = customerCancellationOf(record);
  if (cancellation)
    return { what: 'compensate the cancelled order', keys: cancellation, run: () => compensateCustomerCancellation(ports, machines, cancellation) };
  return undefined;
}

/**
 * The orders' one reader of the table stream (AWS advises at most two readers per shard; the events
 * outbox is the other): starts the saga of every order placed and compensates every customer
 * cancellation. A record whose follow-up failed is reported back, so Lambda delivers only those again;
 * each follow-up is idempotent (start by name, a stale task token is ignored).
 */
export function followOrderChangesHandler(ports: Pick<SagaPorts, 'executions' | 'payments' | 'taskCallbacks'>) {
  const followOrderChanges = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const machines: CancellationMachines = {
      ...sagaMachinesFromEnvironment(),
      // Read only when a confirmed order's cancel needs it.
      get cancellationArn() {
        return stateMachineArnFrom(ORDER_CANCELLATION_ARN_ENV);
      },
    };
    const batchItemFailures: DynamoDBBatchItemFailure[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        const followUp = followUpOf(ports, record, machines);
        if (!followUp) return;
        try {
          await followUp.run();
        } catch (error) {
          logger.error(`could not ${followUp.what}`, { orderId: followUp.keys.orderId, correlationId: followUp.keys.correlationId, error: error as Error });
          batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        }
      }),
    );
    return { batchItemFailures };
  };
  return middy(followOrderChanges).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = followOrderChangesHandler({
  executions: stepFunctionsExecutions,
  payments: dynamoDbSagaPayments,
  taskCallbacks: stepFunctionsTaskCallbacks,
});
