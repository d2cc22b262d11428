import { listOrderNotificationsHandler } from '#notifications/handlers/list-order-notifications';
import { notificationListSchema } from '#notifications/domain/notification';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { InMemoryNotificationRecords, InMemoryOrderContacts } from './support/in-memory-notifications';

const orderId = '01JORDER0000000000000000A1';

async function setUp() {
  const records = new InMemoryNotificationRecords();
  const orders = new InMemoryOrderContacts();
  orders.orders.set(orderId, { customerId: 'alice', contact: { email: 'ada@example.com' } });
  const base = { orderId, template: 'order-shipped' as const, detailType: 'order.shipped', correlationId: 'c' };
  await records.claim({ ...base, eventId: 'e-2', channel: 'email', recipient: 'a•••@example.com' }, new Date('2026-03-14T10:00:00Z'));
  await records.markSent({ orderId, eventId: 'e-2', channel: 'email' }, 'm-2', new Date('2026-03-14T10:00:01Z'));
  await records.claim(
    { ...base, eventId: 'e-1', channel: 'email', template: 'order-shipped', recipient: 'a•••@example.com' },
    new Date('2026-03-14T09:00:00Z'),
  );
  await records.markSent({ orderId, eventId: 'e-1', channel: 'email' }, 'm-1', new Date('2026-03-14T09:00:01Z'));
  // Still being sent: not listed.
  await records.claim({ ...base, eventId: 'e-2', channel: 'sms', recipient: '+49•••••••••78' }, new Date('2026-03-14T10:00:00Z'));
  const handler = listOrderNotificationsHandler({ records, orders });
  const get = (id: string, caller: { sub: string; groups?: string[] }) =>
    handler(apiGatewayEvent({ method: 'GET', path: `/api/v1/orders/${id}/notifications`, pathParameters: { id }, caller }), lambdaContext());
  return { get };
}

describe('GET /api/v1/orders/{id}/notifications', () => {
  test("the order's customer reads its notifications, oldest first, recipients masked", async () => {
    const { get } = await setUp();
    const response = await get(orderId, { sub: 'alice' });
    expect(response.statusCode).toBe(200);
    const body = notificationListSchema.parse(JSON.parse(response.body));
    expect(body.items).toEqual([
      {
        id: 'email:e-1',
        channel: 'email',
        template: 'order-shipped',
        status: 'sent',
        recipient: 'a•••@example.com',
        sentAt: '2026-03-14T09:00:01.000Z',
        updatedAt: '2026-03-14T09:00:01.000Z',
      },
      {
        id: 'email:e-2',
        channel: 'email',
        template: 'order-shipped',
        status: 'sent',
        recipient: 'a•••@example.com',
        sentAt: '2026-03-14T10:00:01.000Z',
        updatedAt: '2026-03-14T10:00:01.000Z',
      },
    ]);
  });

  test("an admin reads anyone's; someone else's order and a missing one are the same 404", async () => {
    const { get } = await setUp();
    expect((await get(orderId, { sub: 'root', groups: ['admin'] })).statusCode).toBe(200);
    const others = await get(orderId, { sub: 'mallory' });
    const missing = await get('01JORDER0000000000000000ZZ', { sub: 'mallory' });
    expect(others.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(others.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(others.body).title).toBe(JSON.parse(missing.body).title);
  });

  test('a malformed order id is a 400 problem', async () => {
    const { get } = await setUp();
    const response = await get('not%20an%20id', { sub: 'alice' });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });
});
