import { ITEM_ENTITY } from '#contracts/table-design';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { paymentKey } from '#payments/adapters/payment-repository';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { SagaPayment } from '../domain/payment-plan';
import type { PaymentMove, PaymentWriteOutcome, SagaPaymentStore } from '../domain/ports';

/**
 * The saga's reads and writes of a payment item (`PAYMENT#<id>` / `PAYMENT`, created by the orders
 * context). Status moves are conditional on the status they leave, like the webhook's, so the saga,
 * the webhook and the admin refund never apply a transition twice or over one another. Bookkeeping
 * attributes (the provider's id, the waiting task token) do not bump `version`: they are not changes
 * of the payment a reader sees.
 */

function sagaPaymentOf(item: Record<string, unknown>): SagaPayment {
  const { id, orderId, status, amount, currency, token, providerPaymentId, awaitingProviderSince, sagaTaskToken, declineReason } =
    item as unknown as SagaPayment;
  return { id, orderId, status, amount, currency, token, providerPaymentId, awaitingProviderSince, sagaTaskToken, declineReason };
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export async function findSagaPayment(paymentId: string): Promise<SagaPayment | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: paymentKey(paymentId), ConsistentRead: true }));
  return Item && Item.entity === ITEM_ENTITY.payment ? sagaPaymentOf(Item) : undefined;
}

/** from → to, only if the payment is still in `from`; otherwise the payment as it is. */
export async function movePaymentStatus(paymentId: string, move: PaymentMove): Promise<PaymentWriteOutcome> {
  const values: Record<string, unknown> = {
    ':to': move.to,
    ':from': move.from,
    ':now': move.now.toISOString(),
    ':correlationId': move.correlationId,
    ':one': 1,
  };
  let update = 'SET #status = :to, updatedAt = :now, correlationId = :correlationId';
  if (move.declineReason) {
    update += ', declineReason = :declineReason';
    values[':declineReason'] = move.declineReason;
  }
  return conditionalUpdate(paymentId, `${update} ADD version :one`, '#status = :from', values);
}

/**
 * Keeps the provider's id of the payment, before the first authorize call: from then on whoever
 * settles the payment asks the provider about exactly this record. Only while the payment is pending
 * (a compensation that voided it first wins: the provider's record is then never authorized), and
 * never replacing another id (a repeated create answers the same id under the same key).
 */
export function recordProviderPayment(paymentId: string, providerPaymentId: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome> {
  return conditionalUpdate(
    paymentId,
    'SET providerPaymentId = :providerPaymentId, providerPaymentCreatedAt = if_not_exists(providerPaymentCreatedAt, :now), correlationId = :correlationId',
    '#status = :pending AND (attribute_not_exists(providerPaymentId) OR providerPaymentId = :providerPaymentId)',
    { ':providerPaymentId': providerPaymentId, ':now': now.toISOString(), ':correlationId': correlationId, ':pending': 'pending' },
  );
}

/** Notes that the provider answered `pending`: the authorization completes through the webhook. */
export function markAwaitingProvider(paymentId: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome> {
  return conditionalUpdate(
    paymentId,
    'SET awaitingProviderSince = if_not_exists(awaitingProviderSince, :now), correlationId = :correlationId',
    '#status = :pending',
    { ':now': now.toISOString(), ':correlationId': correlationId, ':pending': 'pending' },
  );
}

/**
 * Leaves the waiting saga's task token where the webhook finds it, only while the payment is still
 * pending. Conditional on the status the webhook changes, so of "token stored" and "status changed"
 * one is first: either the webhook finds the token, or this write fails and its caller resumes the
 * saga itself. A later attempt's token replaces an earlier one's.
 */
export function storeSagaTaskToken(paymentId: string, taskToken: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome> {
  return conditionalUpdate(paymentId, 'SET sagaTaskToken = :token, sagaTaskTokenAt = :now, correlationId = :correlationId', '#status = :pending', {
    ':token': taskToken,
    ':now': now.toISOString(),
    ':correlationId': correlationId,
    ':pending': 'pending',
  });
}

async function conditionalUpdate(paymentId: string, update: string, condition: string, values: Record<string, unknown>): Promise<PaymentWriteOutcome> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: paymentKey(paymentId),
        UpdateExpression: update,
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return { written: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { written: false, current: await findSagaPayment(paymentId) };
  }
}

/** The saga's payment store on the stage's table. */
export const dynamoDbSagaPayments: SagaPaymentStore = {
  find: findSagaPayment,
  move: movePaymentStatus,
  recordProviderPayment,
  markAwaitingProvider,
  storeTaskToken: storeSagaTaskToken,
};
