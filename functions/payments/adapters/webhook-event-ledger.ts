import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { PaymentStatusChange, RecordOutcome, WebhookEventLedger } from '../domain/ports';
import { WEBHOOK_EVENT_RETENTION_SECONDS, type WebhookEvent } from '../domain/webhook-event';
import { paymentKey } from './payment-repository';

/** Processed provider events live under `PAYMENT_EVENT#<eventId>` / `PAYMENT_EVENT`, expiring by TTL (docs/data-model.md). */
export const webhookEventKey = (eventId: string) => ({ pk: `PAYMENT_EVENT#${eventId}`, sk: 'PAYMENT_EVENT' });

/**
 * Records a provider event by its id and, in the same transaction, makes the status change it
 * reports. One transaction, so an event is remembered exactly when it was acted on: a crash in
 * between cannot leave a change made but the event forgotten (acted on again) or the reverse (lost).
 */
async function recordWebhookEvent(event: WebhookEvent, now: Date, change?: PaymentStatusChange): Promise<RecordOutcome> {
  const eventItem = {
    ...webhookEventKey(event.id),
    entity: 'paymentWebhookEvent',
    eventId: event.id,
    type: event.type,
    paymentId: event.data.paymentId,
    outcome: change ? `${change.from}->${change.to}` : 'ignored',
    receivedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + WEBHOOK_EVENT_RETENTION_SECONDS,
  };
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: eventItem, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(change
            ? [
                {
                  Update: {
                    TableName: tableName(),
                    Key: paymentKey(change.paymentId),
                    UpdateExpression: 'SET #status = :to, updatedAt = :now ADD version :one',
                    ConditionExpression: '#status = :from',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':to': change.to, ':from': change.from, ':now': now.toISOString(), ':one': 1 },
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return 'recorded';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [eventReason, paymentReason] = error.CancellationReasons ?? [];
    if (eventReason?.Code === 'ConditionalCheckFailed') return 'duplicate';
    if (paymentReason?.Code === 'ConditionalCheckFailed') return 'payment-changed';
    if (error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict')) return 'contended';
    throw error;
  }
}

/** The webhook event ledger on the stage's table. */
export const dynamoDbWebhookEventLedger: WebhookEventLedger = { record: recordWebhookEvent };
