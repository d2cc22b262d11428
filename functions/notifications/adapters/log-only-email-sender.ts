import type { CustomerNotification } from '../domain/customer-notification';
import type { CustomerNotificationSender, DeliveryLog } from '../domain/ports';

/** "Sends" the email by logging it: the stand-in for an email provider. */
export class LogOnlyEmailSender implements CustomerNotificationSender {
  readonly channel = 'email';

  constructor(private readonly log: DeliveryLog) {}

  async send(notification: CustomerNotification): Promise<void> {
    this.log.info('email to customer (log only)', {
      correlationId: notification.correlationId,
      eventId: notification.eventId,
      customerId: notification.customerId,
      orderId: notification.orderId,
      template: notification.template,
      subject: notification.subject,
      body: notification.body,
    });
  }
}
