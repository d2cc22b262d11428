import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { DynamoNotificationRecords } from '#notifications/adapters/notification-records';
import { DynamoOrderContacts } from '#notifications/adapters/order-contacts';
import type { NewNotification } from '#notifications/domain/ports';
import { type LocalTable, startLocalTable } from '#test/support/local-table';

/** The records' conditional writes, against DynamoDB Local: the rules docs/notifications.md states. */
describe('notification records in the table', () => {
  let table: LocalTable;
  let client: DynamoDBDocumentClient;
  let records: DynamoNotificationRecords;
  let sequence = 0;

  const notification = (): NewNotification => {
    sequence += 1;
    return {
      orderId: `o-${sequence}`,
      eventId: `e-${sequence}`,
      channel: 'email',
      template: 'order-confirmed',
      detailType: 'order.confirmed',
      correlationId: 'corr-1',
      recipient: 'a•••@example.com',
    };
  };
  const at = (seconds: number) => new Date(Date.UTC(2026, 2, 14, 9, 0, seconds));

  beforeAll(async () => {
    table = await startLocalTable('notifications');
    client = DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(table.endpoint)), { marshallOptions: { removeUndefinedValues: true } });
    records = new DynamoNotificationRecords({ client, tableName: () => table.tableName, leaseSeconds: 30 });
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await table?.stop();
  });

  test('a claim, then the message id: one item in the order partition, and no second claim', async () => {
    const n = notification();
    expect(await records.claim(n, at(0))).toEqual({ kind: 'claimed' });
    expect(await records.claim(n, at(1))).toEqual({ kind: 'inProgress' });
    await records.markSent(n, 'm-1', at(2));
    expect(await records.claim(n, at(3))).toEqual({ kind: 'settled', status: 'sent' });
    const [item] = await table.itemsWithPrefix(`ORDER_NOTIFICATIONS#${n.orderId}`);
    expect(item).toMatchObject({
      pk: `ORDER_NOTIFICATIONS#${n.orderId}`,
      sk: `${n.eventId}#email`,
      entity: 'notification',
      status: 'sent',
      messageId: 'm-1',
      recipient: 'a•••@example.com',
      attempts: 1,
      sentAt: at(2).toISOString(),
    });
    expect(item.leaseExpiresAt).toBeUndefined();
    expect(item.expiresAt).toBeGreaterThan(at(0).getTime() / 1000 + 365 * 86_400);
  });

  test('a lapsed claim is taken over; one whose message SES reported sent is not', async () => {
    const crashed = notification();
    await records.claim(crashed, at(0));
    expect(await records.claim(crashed, at(31))).toEqual({ kind: 'claimed' });
    const [item] = await table.itemsWithPrefix(`ORDER_NOTIFICATIONS#${crashed.orderId}`);
    expect(item!.attempts).toBe(2);

    const reported = notification();
    await records.claim(reported, at(0));
    expect(await records.applyFeedback({ ...reported, messageId: 'm-9', outcome: 'sent', at: at(1).toISOString() }, at(1))).toBe('applied');
    expect(await records.claim(reported, at(31))).toEqual({ kind: 'settled', status: 'sent' });
  });

  test('a provider whose clock runs ahead never makes a record look updated before it was sent', async () => {
    const n = notification();
    await records.claim(n, at(0));
    // SES's Delivery event reports a time a little after this clock's, before markSent ran.
    expect(await records.applyFeedback({ ...n, messageId: 'm-1', outcome: 'delivered', at: at(5).toISOString() }, at(2))).toBe('applied');
    await records.markSent(n, 'm-1', at(3));
    const [record] = await records.ofOrder(n.orderId);
    expect(record).toMatchObject({ status: 'delivered', sentAt: at(2).toISOString(), updatedAt: at(2).toISOString() });
  });

  test('a failed attempt may be claimed again; a refused message may not', async () => {
    const failing = notification();
    await records.claim(failing, at(0));
    await records.markFailed(failing, 'Throttling', false, at(1));
    expect(await records.claim(failing, at(2))).toEqual({ kind: 'claimed' });

    const refused = notification();
    await records.claim(refused, at(0));
    await records.markFailed(refused, 'MessageRejected', true, at(1));
    expect(await records.claim(refused, at(2))).toEqual({ kind: 'settled', status: 'failed' });
    expect((await records.ofOrder(refused.orderId))[0]).toMatchObject({ status: 'failed', lastError: 'MessageRejected' });
  });

  test('feedback moves a record forward only, for its own message; markSent after an early event keeps the event status', async () => {
    const n = notification();
    await records.claim(n, at(0));
    // SES's events beat the sender's own write (the local SES emits before it answers).
    expect(await records.applyFeedback({ ...n, messageId: 'm-1', outcome: 'delivered', at: at(1).toISOString() }, at(1))).toBe('applied');
    await records.markSent(n, 'm-1', at(2));
    expect((await records.ofOrder(n.orderId))[0]).toMatchObject({ status: 'delivered', messageId: 'm-1', sentAt: at(1).toISOString() });
    expect(await records.applyFeedback({ ...n, messageId: 'm-1', outcome: 'sent', at: at(1).toISOString() }, at(3))).toBe('ignored');
    expect(await records.applyFeedback({ ...n, messageId: 'other', outcome: 'bounced', at: at(4).toISOString() }, at(4))).toBe('ignored');
    expect(await records.applyFeedback({ ...n, messageId: 'm-1', outcome: 'complained', at: at(5).toISOString() }, at(5))).toBe('applied');
    expect(await records.applyFeedback({ ...n, messageId: 'm-1', outcome: 'delivered', at: at(6).toISOString() }, at(6))).toBe('ignored');
    expect((await records.ofOrder(n.orderId))[0]).toMatchObject({ status: 'complained' });
    expect(await records.applyFeedback({ ...notification(), messageId: 'm-x', outcome: 'delivered', at: at(1).toISOString() }, at(1))).toBe('ignored');
  });

  test("the order's contact is read from the order item; anything else under the key is no order", async () => {
    await client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: 'ORDER#o-contact',
          sk: 'ORDER',
          entity: 'order',
          id: 'o-contact',
          customerId: 'alice',
          contact: { email: 'ada@example.com', phone: '+4915112345678' },
        },
      }),
    );
    const contacts = new DynamoOrderContacts(client, () => table.tableName);
    expect(await contacts.find('o-contact')).toEqual({ customerId: 'alice', contact: { email: 'ada@example.com', phone: '+4915112345678' } });
    expect(await contacts.find('o-missing')).toBeUndefined();
  });
});
