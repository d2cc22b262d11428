import * as z from 'zod';
import { EMAIL_TAGS, SES_CONFIGURATION_SET_TAG, SES_EMAIL_EVENTS, SES_EVENT_SOURCE } from '#contracts/email-events';
import type { DeliveryFeedback, FeedbackOutcome } from '../domain/notification';

/**
 * An SES e-mail event as EventBridge delivers it from a configuration set's event destination: the
 * fields read here, in the shape SES documents ("Monitoring SES events using Amazon EventBridge";
 * the event record as in "Examples of event data that Amazon SES publishes to Amazon SNS").
 * Tags arrive as lists of values: `{"ordersaga-order": ["01J…"]}`.
 */
const tags = z.record(z.string(), z.array(z.string()));
const sesEmailEvent = z.object({
  source: z.literal(SES_EVENT_SOURCE),
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({ messageId: z.string().min(1), timestamp: z.string().optional(), tags: tags.default({}) }),
    bounce: z.object({ bounceType: z.string().optional(), bounceSubType: z.string().optional(), timestamp: z.string().optional() }).optional(),
    complaint: z.object({ complaintFeedbackType: z.string().optional(), timestamp: z.string().optional() }).optional(),
    delivery: z.object({ timestamp: z.string().optional() }).optional(),
    reject: z.object({ reason: z.string().optional() }).optional(),
    failure: z.object({ errorMessage: z.string().optional() }).optional(),
  }),
});

/** detail-type → what it means for the record. */
const OUTCOMES: Record<string, FeedbackOutcome> = {
  [SES_EMAIL_EVENTS.SEND]: 'sent',
  [SES_EMAIL_EVENTS.DELIVERY]: 'delivered',
  [SES_EMAIL_EVENTS.BOUNCE]: 'bounced',
  [SES_EMAIL_EVENTS.COMPLAINT]: 'complained',
  [SES_EMAIL_EVENTS.REJECT]: 'failed',
  [SES_EMAIL_EVENTS.RENDERING_FAILURE]: 'failed',
};

export type ParsedSesEvent =
  | { kind: 'feedback'; feedback: DeliveryFeedback; configurationSet?: string }
  /** Not an SES e-mail event this context acts on (another type, or a message it did not tag). */
  | { kind: 'ignored'; reason: string };

/** Reads one SES e-mail event into the feedback for a notification record. Throws on an event that is not SES's shape. */
export function parseSesEmailEvent(event: unknown): ParsedSesEvent {
  const parsed = sesEmailEvent.parse(event);
  const outcome = OUTCOMES[parsed['detail-type']];
  if (!outcome) return { kind: 'ignored', reason: `detail-type ${parsed['detail-type']}` };
  const { mail } = parsed.detail;
  const orderId = mail.tags[EMAIL_TAGS.orderId]?.[0];
  const eventId = mail.tags[EMAIL_TAGS.eventId]?.[0];
  if (!orderId || !eventId) return { kind: 'ignored', reason: 'the message carries no notification tags' };
  const { bounce, complaint, delivery, reject, failure } = parsed.detail;
  const at = bounce?.timestamp ?? complaint?.timestamp ?? delivery?.timestamp ?? parsed.time ?? mail.timestamp ?? new Date().toISOString();
  const detail =
    outcome === 'bounced'
      ? [bounce?.bounceType, bounce?.bounceSubType].filter(Boolean).join('/')
      : outcome === 'complained'
        ? (complaint?.complaintFeedbackType ?? 'complaint')
        : outcome === 'failed'
          ? (reject?.reason ?? failure?.errorMessage ?? parsed['detail-type'])
          : undefined;
  return {
    kind: 'feedback',
    configurationSet: mail.tags[SES_CONFIGURATION_SET_TAG]?.[0],
    feedback: { orderId, eventId, channel: 'email', messageId: mail.messageId, outcome, at: isoInstant(at), ...(detail ? { detail } : {}) },
  };
}

function isoInstant(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}
