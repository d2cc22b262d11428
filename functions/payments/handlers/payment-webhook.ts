import type { APIGatewayProxyEvent } from 'aws-lambda';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '#contracts/payment-provider/webhook-signature';
import { secretValue } from '#shared/aws/secret-value';
import { isTransactionConflict } from '#shared/aws/transaction-conflicts';
import { apiHandler } from '#shared/http/api-handler';
import { HttpProblem } from '#shared/http/problem';
import { headerValue } from '#shared/http/request-parts';
import { parseJsonBody } from '#shared/http/request-validation';
import { logger } from '#shared/powertools';
import { dynamoDbPaymentRepository } from '../adapters/payment-repository';
import { waitingSagas } from '../adapters/waiting-sagas';
import { dynamoDbWebhookEventLedger } from '../adapters/webhook-event-ledger';
import { PaymentChanging, recordProviderEvent } from '../application/record-provider-event';
import type { PaymentsPorts } from '../domain/ports';
import { webhookEventSchema } from '../domain/webhook-event';

/** The body exactly as the provider signed it. */
const rawBody = (event: APIGatewayProxyEvent): Buffer => Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

const noContent = () => ({ statusCode: 204, headers: {}, body: '' });

/**
 * receivePaymentWebhook: the provider's signed events, 204. The signature is checked over the raw
 * body before the body is parsed (the gateway has no model for this route), so a missing, bad or
 * stale signature is a 401 whatever the body.
 */
export function paymentWebhookHandler(ports: Pick<PaymentsPorts, 'payments' | 'webhookEvents' | 'waitingSagas'>) {
  return apiHandler(async (event) => {
    const verdict = verifyWebhookSignature(
      headerValue(event, WEBHOOK_SIGNATURE_HEADER),
      rawBody(event),
      await secretValue('PAYMENT_WEBHOOK_SECRET'),
      new Date(),
    );
    if (!verdict.valid) {
      logger.warn('webhook signature rejected', { reason: verdict.reason });
      throw new HttpProblem(401, 'invalid-signature', 'Unauthorized', 'The Stripe-Signature header is missing, malformed, stale or does not match the body.');
    }
    const providerEvent = parseJsonBody(webhookEventSchema, event.body, event.isBase64Encoded);
    try {
      await recordProviderEvent(ports, providerEvent);
    } catch (error) {
      if (!(error instanceof PaymentChanging) && !isTransactionConflict(error)) throw error;
      // The provider redelivers on any non-2xx answer; by then the payment has settled.
      throw new HttpProblem(503, 'busy', 'Service Unavailable', 'The payment is changing; deliver the event again later.', { headers: { 'retry-after': '1' } });
    }
    return noContent();
  });
}

export const handler = paymentWebhookHandler({ payments: dynamoDbPaymentRepository, webhookEvents: dynamoDbWebhookEventLedger, waitingSagas: waitingSagas() });
