import type { DeliveryRecord, NotificationLedger } from '../domain/ports';

/**
 * Exactly-once effect on top of at-least-once delivery: EventBridge may hand a subscriber the same
 * event more than once (and replays hand it again), so each delivery is claimed in a ledger keyed by
 * the event id and channel before it is made, and recorded after.
 */

/**
 * Thrown while another invocation is delivering the same event: failing makes Lambda retry this one
 * later, by which time the other has finished (a duplicate) or its lease has run out (it crashed,
 * and this retry delivers).
 */
export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';
}

export type DeliveryOutcome = 'delivered' | 'duplicate';

export async function deliverOnce(options: {
  ledger: NotificationLedger;
  record: DeliveryRecord;
  deliver: () => Promise<void>;
  now?: () => Date;
}): Promise<DeliveryOutcome> {
  const { ledger, record, deliver } = options;
  const now = options.now ?? (() => new Date());
  const claim = await ledger.claim(record, now());
  if (claim === 'alreadyDelivered') return 'duplicate';
  if (claim === 'inProgress') throw new DeliveryInProgressError(`event ${record.eventId} is being delivered to ${record.channel} by another invocation`);
  try {
    await deliver();
  } catch (error) {
    // Frees the claim for the retry that the thrown error causes.
    await ledger.markFailed(record, error instanceof Error ? error.message : String(error));
    throw error;
  }
  // If this write fails after a successful send, the retry sends again: at least once, never lost.
  await ledger.markDelivered(record, now());
  return 'delivered';
}
