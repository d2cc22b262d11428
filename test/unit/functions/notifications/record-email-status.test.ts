import { parseSesEmailEvent } from '#notifications/adapters/ses-email-event';
import { recordEmailStatusHandler } from '#notifications/handlers/record-email-status';
import { lambdaContext } from '#test/support/api-gateway-event';
import { InMemoryNotificationRecords } from './support/in-memory-notifications';

const orderId = '01JORDER0000000000000000A1';
const eventId = '8cc67b87-f4a6-51f9-8a51-19531cdb19f0';

/** An SES event as EventBridge delivers it from a configuration set's destination (the record SES documents as the detail). */
const sesEvent = (detailType: string, eventType: string, extra: Record<string, unknown> = {}, tags: Record<string, string[]> = {}) => ({
  version: '0',
  id: 'b2f1e0a4-0000-4000-8000-000000000001',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '111122223333',
  time: '2026-03-14T09:27:01Z',
  region: 'eu-central-1',
  resources: ['arn:aws:ses:eu-central-1:111122223333:configuration-set/ordersaga-dev-email'],
  detail: {
    eventType,
    mail: {
      timestamp: '2026-03-14T09:27:00.000Z',
      source: 'no-reply@shop.example.com',
      sendingAccountId: '111122223333',
      messageId: '0100018e3c-msg-1-000000',
      destination: ['success@simulator.amazonses.com'],
      tags: { 'ses:configuration-set': ['ordersaga-dev-email'], 'ordersaga-order': [orderId], 'ordersaga-event': [eventId], ...tags },
    },
    ...extra,
  },
});

const delivered = sesEvent('Email Delivered', 'Delivery', {
  delivery: { timestamp: '2026-03-14T09:27:02.000Z', recipients: ['success@simulator.amazonses.com'] },
});
const bounced = sesEvent('Email Bounced', 'Bounce', { bounce: { bounceType: 'Permanent', bounceSubType: 'General', timestamp: '2026-03-14T09:27:03.000Z' } });
const complained = sesEvent('Email Complaint Received', 'Complaint', { complaint: { complaintFeedbackType: 'abuse', timestamp: '2026-03-14T09:30:00.000Z' } });

async function sentRecord(records: InMemoryNotificationRecords, messageId = '0100018e3c-msg-1-000000') {
  const key = { orderId, eventId, channel: 'email' as const };
  await records.claim(
    { ...key, template: 'order-shipped', detailType: 'order.shipped', correlationId: 'c', recipient: 's•••@simulator.amazonses.com' },
    new Date(),
  );
  await records.markSent(key, messageId, new Date());
}

describe('SES e-mail events', () => {
  test('are read into the feedback for the tagged notification', () => {
    expect(parseSesEmailEvent(bounced)).toEqual({
      kind: 'feedback',
      configurationSet: 'ordersaga-dev-email',
      feedback: {
        orderId,
        eventId,
        channel: 'email',
        messageId: '0100018e3c-msg-1-000000',
        outcome: 'bounced',
        at: '2026-03-14T09:27:03.000Z',
        detail: 'Permanent/General',
      },
    });
    expect(parseSesEmailEvent(sesEvent('Email Opened', 'Open'))).toMatchObject({ kind: 'ignored' });
    const untagged = sesEvent('Email Delivered', 'Delivery');
    untagged.detail.mail.tags = { 'ses:configuration-set': ['ordersaga-dev-email'] } as never;
    expect(parseSesEmailEvent(untagged)).toMatchObject({ kind: 'ignored', reason: 'the message carries no notification tags' });
    expect(() => parseSesEmailEvent({ source: 'ordersaga.orders', 'detail-type': 'Email Delivered', detail: {} })).toThrow();
  });

  test('move the record forward only: delivered, then complained; a late Delivery or a repeat changes nothing', async () => {
    const records = new InMemoryNotificationRecords();
    await sentRecord(records);
    const handler = recordEmailStatusHandler({ records }, 'ordersaga-dev-email');
    await handler(delivered, lambdaContext());
    expect((await records.ofOrder(orderId))[0]).toMatchObject({ status: 'delivered' });
    await handler(complained, lambdaContext());
    await handler(delivered, lambdaContext());
    await handler(complained, lambdaContext());
    expect((await records.ofOrder(orderId))[0]).toMatchObject({ status: 'complained' });
  });

  test('a bounce ends the record bounced', async () => {
    const records = new InMemoryNotificationRecords();
    await sentRecord(records);
    await recordEmailStatusHandler({ records }, 'ordersaga-dev-email')(bounced, lambdaContext());
    expect((await records.ofOrder(orderId))[0]).toMatchObject({ status: 'bounced' });
  });

  test("events of another message, or of another stage's configuration set, leave the record alone", async () => {
    const records = new InMemoryNotificationRecords();
    await sentRecord(records, 'another-message');
    await recordEmailStatusHandler({ records }, 'ordersaga-dev-email')(delivered, lambdaContext());
    expect((await records.ofOrder(orderId))[0]).toMatchObject({ status: 'sent' });
    const otherStage = sesEvent('Email Delivered', 'Delivery', {}, { 'ses:configuration-set': ['ordersaga-prod-email'] });
    await recordEmailStatusHandler({ records }, 'ordersaga-dev-email')(otherStage, lambdaContext());
    expect((await records.ofOrder(orderId))[0]).toMatchObject({ status: 'sent' });
  });
});
