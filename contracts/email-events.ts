/**
 * The e-mail notifications' contract with Amazon SES, shared by the stack (the configuration set and
 * its event destination), the notifications context (the tags it sends, the rule it subscribes with)
 * and the local runtime's SES emulation (the events it emits): each fact once.
 *
 * SES publishes a configuration set's events to the account's default EventBridge bus
 * ("Monitoring SES events using Amazon EventBridge",
 * https://docs.aws.amazon.com/ses/latest/dg/monitoring-eventbridge.html): `source` `aws.ses`, the
 * `detail-type` below, and as `detail` the event record SES documents in
 * "Examples of event data that Amazon SES publishes to Amazon SNS"
 * (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-examples.html).
 */

export const SES_EVENT_SOURCE = 'aws.ses';

/** The configuration set's event types (SES's `MatchingEventTypes`) and the `detail-type` EventBridge gives each. */
export const SES_EMAIL_EVENTS = {
  SEND: 'Email Sent',
  DELIVERY: 'Email Delivered',
  BOUNCE: 'Email Bounced',
  COMPLAINT: 'Email Complaint Received',
  REJECT: 'Email Rejected',
  RENDERING_FAILURE: 'Email Rendering Failed',
} as const;

export type SesEmailEventType = keyof typeof SES_EMAIL_EVENTS;

export const SES_EMAIL_EVENT_TYPES = Object.keys(SES_EMAIL_EVENTS) as SesEmailEventType[];

/**
 * The message tags each notification e-mail carries (SES v2 `EmailTags`), which SES copies into every
 * event of the message (`detail.mail.tags`): they lead an event back to its notification record.
 * Tag values may hold letters, digits, `_` and `-` only, which ULIDs and UUIDs satisfy.
 */
export const EMAIL_TAGS = { orderId: 'ordersaga-order', eventId: 'ordersaga-event' } as const;

/** The tag SES adds to every event of a message sent with a configuration set: it names the set. */
export const SES_CONFIGURATION_SET_TAG = 'ses:configuration-set';
