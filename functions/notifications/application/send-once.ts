import { type ClaimOutcome, MessageRefusedError, type NewNotification, type NotificationRecords } from '../domain/ports';
import { DeliveryInProgressError } from './deliver-once';

/**
 * One provider call per notification, across EventBridge's redeliveries, Lambda's retries and
 * replays (docs/notifications.md, "Exactly once"):
 *
 * 1. Claim the record (`sending`, with a lease) with a conditional write; a record already sent,
 *    refused or being sent by a live claim is not sent again.
 * 2. Call the provider.
 * 3. Record its message id (`sent`), or the failure.
 *
 * Neither SES nor SNS takes an idempotency key, so a crash between 2 and 3 leaves the outcome unknown.
 * A retry after the lease may send again — unless SES's own "Email Sent" event has meanwhile recorded
 * the message id, which the claim's condition honours. At least once, then, and in practice once.
 */

export type SendOutcome = 'sent' | 'duplicate' | 'refused';

export async function sendOnce(options: {
  records: NotificationRecords;
  notification: NewNotification;
  send: () => Promise<{ messageId: string }>;
  now?: () => Date;
}): Promise<SendOutcome> {
  const { records, notification, send } = options;
  const now = options.now ?? (() => new Date());
  const claim: ClaimOutcome = await records.claim(notification, now());
  if (claim.kind === 'settled') return 'duplicate';
  if (claim.kind === 'inProgress') {
    throw new DeliveryInProgressError(`${notification.channel} for event ${notification.eventId} is being sent by another invocation`);
  }
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (error) {
    const refused = error instanceof MessageRefusedError;
    await records.markFailed(notification, error instanceof Error ? error.message : String(error), refused, now());
    // Refused for good: retrying would be refused too, so the event is done with (the record says why).
    if (refused) return 'refused';
    throw error;
  }
  await records.markSent(notification, messageId, now());
  return 'sent';
}
