import { DeliveryInProgressError } from '#notifications/application/deliver-once';
import { sendOnce } from '#notifications/application/send-once';
import type { NewNotification } from '#notifications/domain/ports';
import { InMemoryNotificationRecords } from './support/in-memory-notifications';

const notification: NewNotification = {
  orderId: 'o-1',
  eventId: 'e-1',
  channel: 'email',
  template: 'order-shipped',
  detailType: 'order.shipped',
  correlationId: 'corr-1',
  recipient: 'a•••@example.com',
};

describe('sendOnce (docs/notifications.md, "Exactly once")', () => {
  test('sends, records the message id, and never sends the same notification again', async () => {
    const records = new InMemoryNotificationRecords();
    const send = jest.fn(async () => ({ messageId: 'm-1' }));
    expect(await sendOnce({ records, notification, send })).toBe('sent');
    expect(await sendOnce({ records, notification, send })).toBe('duplicate');
    expect(send).toHaveBeenCalledTimes(1);
    expect(await records.ofOrder('o-1')).toEqual([expect.objectContaining({ status: 'sent', messageId: 'm-1' })]);
  });

  test('a live claim makes a concurrent delivery wait (fail and be retried), not send', async () => {
    const records = new InMemoryNotificationRecords();
    let release!: () => void;
    const first = sendOnce({ records, notification, send: () => new Promise((resolve) => (release = () => resolve({ messageId: 'm-1' }))) });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(sendOnce({ records, notification, send: async () => ({ messageId: 'm-2' }) })).rejects.toBeInstanceOf(DeliveryInProgressError);
    release();
    expect(await first).toBe('sent');
  });

  test('a claim whose sender died is taken over after its lease, unless the provider reported the message meanwhile', async () => {
    const at = (seconds: number) => () => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
    const crashed = new InMemoryNotificationRecords(30_000);
    await crashed.claim(notification, at(0)());
    const send = jest.fn(async () => ({ messageId: 'm-2' }));
    await expect(sendOnce({ records: crashed, notification, send, now: at(10) })).rejects.toBeInstanceOf(DeliveryInProgressError);
    expect(await sendOnce({ records: crashed, notification, send, now: at(31) })).toBe('sent');
    expect(send).toHaveBeenCalledTimes(1);

    const reported = new InMemoryNotificationRecords(30_000);
    await reported.claim(notification, at(0)());
    // SES's "Email Sent" event for the message the dead sender had sent.
    await reported.applyFeedback({ ...notification, messageId: 'm-1', outcome: 'sent', at: at(1)().toISOString() }, at(1)());
    expect(await sendOnce({ records: reported, notification, send, now: at(31) })).toBe('duplicate');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
