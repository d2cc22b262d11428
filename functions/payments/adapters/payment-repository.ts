import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { PaymentRecord } from '../domain/payment';
import type { PaymentRepository } from '../domain/ports';
import { REFUND_CLAIM_LEASE_MS } from '../domain/refund-policy';

/** Payments live under `PAYMENT#<id>` / `PAYMENT` (docs/data-model.md); the orders context creates them. */
export const paymentKey = (id: string) => ({ pk: `PAYMENT#${id}`, sk: 'PAYMENT' });

function toRecord(item: Record<string, unknown>): PaymentRecord {
  const { id, orderId, customerId, status, amount, currency, method, token, providerPaymentId, createdAt, updatedAt, version } =
    item as unknown as PaymentRecord;
  return {
    id,
    orderId,
    customerId,
    status,
    amount,
    currency,
    method,
    token,
    ...(providerPaymentId ? { providerPaymentId } : {}),
    createdAt,
    updatedAt,
    version,
  };
}

async function findPayment(id: string, options: { consistent?: boolean } = {}): Promise<PaymentRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: paymentKey(id), ConsistentRead: options.consistent }));
  return Item ? toRecord(Item) : undefined;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Claims a captured payment for refunding, so that of two concurrent refund requests only one calls
 * the provider. The claim is a lease (`refundClaimUntil`), so a request that died holding it does
 * not block the payment for ever. Answers the payment as it stands when the claim is not taken.
 */
async function claimRefund(
  id: string,
  claimId: string,
  now: Date,
): Promise<{ claimed: true; payment: PaymentRecord } | { claimed: false; payment?: PaymentRecord }> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: paymentKey(id),
        UpdateExpression: 'SET refundClaimId = :claim, refundClaimUntil = :until',
        ConditionExpression: '#status = :captured AND (attribute_not_exists(refundClaimUntil) OR refundClaimUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':claim': claimId, ':until': now.getTime() + REFUND_CLAIM_LEASE_MS, ':now': now.getTime(), ':captured': 'captured' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, payment: toRecord(Attributes!) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { claimed: false, payment: await findPayment(id, { consistent: true }) };
  }
}

/** captured → refunded, only while this claim still holds the payment; undefined when it no longer does. */
async function completeRefund(id: string, claimId: string, now: Date): Promise<PaymentRecord | undefined> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: paymentKey(id),
        UpdateExpression: 'SET #status = :refunded, updatedAt = :now, refundedAt = :now ADD version :one REMOVE refundClaimId, refundClaimUntil',
        ConditionExpression: '#status = :captured AND refundClaimId = :claim',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':refunded': 'refunded', ':captured': 'captured', ':claim': claimId, ':now': now.toISOString(), ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRecord(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Gives a claim up (the provider call failed), so the next request need not wait for the lease. */
async function releaseRefundClaim(id: string, claimId: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: paymentKey(id),
        UpdateExpression: 'REMOVE refundClaimId, refundClaimUntil',
        ConditionExpression: 'refundClaimId = :claim',
        ExpressionAttributeValues: { ':claim': claimId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Payments on the stage's table. */
export const dynamoDbPaymentRepository: PaymentRepository = { find: findPayment, claimRefund, completeRefund, releaseRefundClaim };
