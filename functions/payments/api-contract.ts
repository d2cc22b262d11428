import * as z from 'zod';
import { ORDER_PAYMENT_AUTHORIZATION_ID } from '#contracts/state-machines';
import { contextApi } from '#contracts/wiring-declarations';
import { paymentIdSchema, paymentSchema } from './domain/payment';
import { webhookEventSchema } from './domain/webhook-event';
import { MAX_SIGNATURE_HEADER_LENGTH, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from '#contracts/payment-provider/webhook-signature';

/**
 * The payments routes, each declared once (path, auth, contract, function). Only schemas here:
 * importing this file opens no client and reads no table name.
 */

const paymentPath = z.object({ id: paymentIdSchema });

/**
 * Optional to the gateway on purpose: a missing signature must reach the handler and be a 401, not
 * the gateway's 400 for a missing required header.
 */
const webhookHeaders = z.object({
  [WEBHOOK_SIGNATURE_HEADER]: z
    .string()
    .max(MAX_SIGNATURE_HEADER_LENGTH)
    .regex(/^[\x20-\x7E]*$/)
    .optional()
    .describe(
      `Stripe's scheme: \`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>\` (more \`v1\` while a secret rotates; other schemes ignored); refused (401) when missing, malformed, longer than ${MAX_SIGNATURE_HEADER_LENGTH} characters, more than ${WEBHOOK_TOLERANCE_SECONDS} s from our clock, or not matching`,
    ),
});

export const paymentsApi = contextApi('payments', [
  {
    method: 'GET',
    path: '/payments/{id}',
    auth: 'user',
    summary: 'Get a payment',
    function: { access: { table: 'read' } },
    operationId: 'getPayment',
    description: "A customer sees their own payments only (someone else's is a 404); an admin sees every payment.",
    pathParameters: paymentPath,
    responses: {
      200: { description: 'The payment', schema: paymentSchema },
      400: { description: 'Invalid payment id' },
      404: { description: 'No such payment, or not yours' },
    },
  },
  {
    method: 'POST',
    path: '/payments/{id}/refund',
    auth: 'admin',
    summary: 'Refund a captured payment in full',
    function: { access: { table: 'readWrite', callsPaymentProvider: true } },
    operationId: 'refundPayment',
    description:
      'Refunds a captured payment in full through the payment provider. Idempotent: refunding a refunded payment answers 202 again and refunds nothing more; concurrent requests refund once. The answer is the payment, `refunded` (or still `captured` while a concurrent request is completing the refund).',
    pathParameters: paymentPath,
    responses: {
      202: { description: 'The refund is done (or under way)', schema: paymentSchema },
      400: { description: 'Invalid payment id' },
      403: { description: 'The token lacks the `admin` group' },
      404: { description: 'No such payment' },
      409: {
        description:
          'Nothing to refund: the payment is pending, authorized, declined or voided (or the provider refused the refund); or, with `Retry-After`, another request was changing the payment at the same moment',
        headers: {
          'Retry-After': { description: 'Only when another request was changing the payment: seconds to wait before sending it again', required: false },
        },
      },
      503: { description: 'The payment provider is unavailable; nothing was refunded', headers: { 'Retry-After': 'Seconds to wait before retrying' } },
    },
  },
  {
    method: 'POST',
    path: '/webhooks/payments',
    auth: 'none',
    summary: 'Payment provider callbacks (HMAC-signed)',
    function: {
      id: 'paymentWebhook',
      purpose: "the payment provider's signed callbacks",
      // Resumes a saga waiting for an async authorization (SendTaskSuccess/Failure).
      access: { table: 'readWrite', verifiesWebhooks: true, stateMachines: [ORDER_PAYMENT_AUTHORIZATION_ID] },
    },
    operationId: 'receivePaymentWebhook',
    description:
      "The payment provider's events, authenticated by the `Stripe-Signature` header (no bearer token), checked over the raw body before the body is read: " +
      'an unsigned or badly signed request is a 401 whatever its body. Each event id is acted on once; a redelivered event is acknowledged and ignored. Event types not acted on are acknowledged too.',
    headers: webhookHeaders,
    body: webhookEventSchema,
    gatewayBodyModel: false,
    responses: {
      204: { description: 'The event was accepted (acted on, or already seen, or of a type not acted on)' },
      400: { description: 'Correctly signed, but the body is not a valid event' },
      401: { description: 'The signature is missing, malformed, more than 5 minutes from our clock, or does not match the body (whatever the body is)' },
      503: { description: 'The payment was changing; deliver the event again', headers: { 'Retry-After': 'Seconds to wait before retrying' } },
    },
  },
]);
