import { exampleEvents } from '#contracts/events/example-events';
import { DeliveryInProgressError } from '#notifications/application/deliver-once';
import { notifyCustomerHandler } from '#notifications/handlers/notify-customer';
import { HandlebarsTemplates } from '#notifications/adapters/handlebars-templates';
import { MessageRefusedError } from '#notifications/domain/ports';
import { lambdaContext } from '#test/support/api-gateway-event';
import { InMemoryNotificationRecords, InMemoryOrderContacts, RecordingEmailSender, RecordingSmsSender } from './support/in-memory-notifications';

const [confirmed] = exampleEvents('order.confirmed');
const [shipped] = exampleEvents('order.shipped');
const orderId = '01JORDER0000000000000000A1';

function setUp(contact: { email?: string; phone?: string } = { email: 'ada@example.com', phone: '+4915112345678' }, channels = { email: true, sms: true }) {
  const records = new InMemoryNotificationRecords();
  const orders = new InMemoryOrderContacts();
  orders.orders.set(orderId, { customerId: 'customer-42', contact });
  const email = new RecordingEmailSender();
  const sms = new RecordingSmsSender();
  const handler = notifyCustomerHandler({
    records,
    orders,
    templates: new HandlebarsTemplates(),
    ...(channels.email ? { email } : {}),
    ...(channels.sms ? { sms } : {}),
  });
  return { records, orders, email, sms, invoke: (event: unknown) => handler(event as never, lambdaContext()) };
}

describe('notifyCustomer', () => {
  test("e-mails the order's contact the rendered template, tagged with the order and the event", async () => {
    const { email, sms, records, invoke } = setUp();
    await invoke(confirmed);
    expect(email.sent).toEqual([
      expect.objectContaining({
        to: 'ada@example.com',
        subject: `Order ${orderId} confirmed`,
        about: { orderId, eventId: confirmed!.detail.id },
      }),
    ]);
    expect(email.sent[0]!.text).toContain('€50.48');
    expect(sms.sent).toEqual([]);
    expect(await records.ofOrder(orderId)).toEqual([
      expect.objectContaining({ channel: 'email', template: 'order-confirmed', status: 'sent', messageId: 'ses-1', recipient: 'a•••@example.com' }),
    ]);
  });

  test('shipping also texts the phone number, once per channel however often the event comes', async () => {
    const { email, sms, invoke } = setUp();
    await invoke(shipped);
    await invoke(shipped);
    await invoke(shipped);
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toEqual([{ to: '+4915112345678', text: `ordersaga: your order ${orderId} is on its way.` }]);
  });

  test('a channel without an address, or that the stage does not send on, is skipped and recorded nowhere', async () => {
    const noPhone = setUp({ email: 'ada@example.com' });
    await noPhone.invoke(shipped);
    expect(noPhone.sms.sent).toEqual([]);
    expect((await noPhone.records.ofOrder(orderId)).map((record) => record.channel)).toEqual(['email']);

    const nobody = setUp({});
    await nobody.invoke(shipped);
    expect(await nobody.records.ofOrder(orderId)).toEqual([]);

    const smsOff = setUp(undefined, { email: true, sms: false });
    await smsOff.invoke(shipped);
    expect(smsOff.sms.sent).toEqual([]);
    expect(smsOff.email.sent).toHaveLength(1);
  });

  test("an order that is not in the table tells no one (another stage's event, replayed)", async () => {
    const { email, orders, invoke } = setUp();
    orders.orders.clear();
    await invoke(confirmed);
    expect(email.sent).toEqual([]);
  });

  test('a failing channel fails the invocation after the other channel went out; the retry sends only what is missing', async () => {
    const { email, sms, records, invoke } = setUp();
    sms.failures.push(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(invoke(shipped)).rejects.toThrow('Rate exceeded');
    expect(email.sent).toHaveLength(1);
    expect((await records.ofOrder(orderId)).find((record) => record.channel === 'sms')).toMatchObject({ status: 'failed', lastError: 'Rate exceeded' });
    await invoke(shipped);
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    expect((await records.ofOrder(orderId)).map((record) => record.status)).toEqual(['sent', 'sent']);
  });

  test('a message the provider refuses ends failed at once, without a retry (it would be refused again)', async () => {
    const { email, records, invoke } = setUp();
    email.failures.push(new MessageRefusedError('SES refused the message: MessageRejected: Email address is not verified.'));
    await expect(invoke(confirmed)).resolves.toBeUndefined();
    await invoke(confirmed);
    expect(email.sent).toEqual([]);
    expect(await records.ofOrder(orderId)).toEqual([expect.objectContaining({ status: 'failed', lastError: expect.stringContaining('MessageRejected') })]);
  });

  test('while another invocation is sending, this one fails so that Lambda retries it later', async () => {
    const { records, invoke } = setUp();
    await records.claim(
      {
        orderId,
        eventId: confirmed!.detail.id,
        channel: 'email',
        template: 'order-confirmed',
        detailType: 'order.confirmed',
        correlationId: 'c',
        recipient: 'a•••@example.com',
      },
      new Date(),
    );
    await expect(invoke(confirmed)).rejects.toBeInstanceOf(DeliveryInProgressError);
  });

  test('refuses an event it does not handle', async () => {
    const { invoke } = setUp();
    await expect(invoke(exampleEvents('order.placed')[0])).rejects.toThrow('does not handle order.placed');
  });
});
