import type { DeliveryFeedback } from '../domain/notification';
import type { NotificationRecords } from '../domain/ports';

/**
 * What SES reported about a message (sent, delivered, bounced, complained, rejected) onto its record.
 * Events come at least once and in no order; the record only moves forward (STATUS_RANK), so a late or
 * repeated event changes nothing.
 */
export function recordEmailFeedback(ports: { records: NotificationRecords }, feedback: DeliveryFeedback, now = new Date()): Promise<'applied' | 'ignored'> {
  return ports.records.applyFeedback(feedback, now);
}
