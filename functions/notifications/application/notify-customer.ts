import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';
import { type CustomerNotification, customerNotificationFor } from '../domain/customer-notification';
import type { CustomerNotificationEventName } from '../domain/notified-events';
import type { CustomerNotificationSender, NotificationLedger } from '../domain/ports';
import { type DeliveryOutcome, deliverOnce } from './deliver-once';

/** One message to the customer per order event, however often the event is delivered. */
export async function notifyCustomer(
  { ledger, sender }: { ledger: NotificationLedger; sender: CustomerNotificationSender },
  received: ReceivedDomainEvent<CustomerNotificationEventName>,
): Promise<{ outcome: DeliveryOutcome; notification: CustomerNotification }> {
  const notification = customerNotificationFor(received);
  const outcome = await deliverOnce({
    ledger,
    record: {
      eventId: notification.eventId,
      channel: sender.channel,
      detailType: received.name,
      correlationId: notification.correlationId,
      recipient: notification.customerId,
      summary: notification.subject,
    },
    deliver: () => sender.send(notification),
  });
  return { outcome, notification };
}
