import { maskEmail, maskPhone } from '#contracts/personal-data';
import type { ReceivedDomainEvent } from '#contracts/events/received-domain-event';
import { type CustomerNotice, customerNoticeFor } from '../domain/customer-notification';
import type { NotificationChannel } from '../domain/notification';
import type { CustomerNotificationEventName } from '../domain/notified-events';
import type { EmailSender, MessageTemplates, NotificationRecords, OrderContacts, SmsSender } from '../domain/ports';
import { type SendOutcome, sendOnce } from './send-once';

export interface NotifyCustomerPorts {
  records: NotificationRecords;
  orders: OrderContacts;
  templates: MessageTemplates;
  /** The stage's channels; a channel the stage does not configure is skipped. */
  email?: EmailSender;
  sms?: SmsSender;
}

/**
 * Per channel: what happened. `no-contact`: the order has no address for it; `channel-off`: the stage
 * sends nothing on it; `no-order`: the order is not in the table (nothing to tell anyone).
 */
export type ChannelOutcome = SendOutcome | 'no-contact' | 'channel-off' | 'no-order';

export interface NotifyCustomerResult {
  notice: CustomerNotice;
  outcomes: Partial<Record<NotificationChannel, ChannelOutcome>>;
}

/**
 * One message per order event and channel, to the order's contact. Every channel is tried even when
 * one fails; the first failure is then thrown, so Lambda retries the event and the channels already
 * sent are skipped as duplicates.
 */
export async function notifyCustomer(ports: NotifyCustomerPorts, received: ReceivedDomainEvent<CustomerNotificationEventName>): Promise<NotifyCustomerResult> {
  const notice = customerNoticeFor(received);
  const outcomes: NotifyCustomerResult['outcomes'] = {};
  const order = await ports.orders.find(notice.orderId);
  if (!order) {
    for (const channel of notice.channels) outcomes[channel] = 'no-order';
    return { notice, outcomes };
  }
  let firstFailure: unknown;
  for (const channel of notice.channels) {
    try {
      outcomes[channel] = await notifyOn(channel, ports, notice, order.contact);
    } catch (error) {
      firstFailure ??= error;
    }
  }
  if (firstFailure !== undefined) throw firstFailure;
  return { notice, outcomes };
}

async function notifyOn(
  channel: NotificationChannel,
  ports: NotifyCustomerPorts,
  notice: CustomerNotice,
  contact: { email?: string; phone?: string },
): Promise<ChannelOutcome> {
  const base = {
    orderId: notice.orderId,
    eventId: notice.eventId,
    channel,
    template: notice.template,
    detailType: notice.detailType,
    correlationId: notice.correlationId,
  };
  if (channel === 'email') {
    const { email } = ports;
    if (!email) return 'channel-off';
    if (!contact.email) return 'no-contact';
    const to = contact.email;
    const rendered = ports.templates.email(notice.template, notice.data);
    return sendOnce({
      records: ports.records,
      notification: { ...base, recipient: maskEmail(to) },
      send: () => email.send({ ...rendered, to, about: { orderId: notice.orderId, eventId: notice.eventId } }),
    });
  }
  const { sms } = ports;
  if (!sms) return 'channel-off';
  if (!contact.phone) return 'no-contact';
  const to = contact.phone;
  const rendered = ports.templates.sms(notice.template, notice.data);
  return sendOnce({ records: ports.records, notification: { ...base, recipient: maskPhone(to) }, send: () => sms.send({ to, text: rendered.text }) });
}
