import { apiClient, type ApiCall } from './support/api-client';
import { putProducts } from './support/catalog-fixture';
import { startE2eTarget, type E2eTarget } from './support/e2e-target';
import { eventually } from './support/eventually';
import { orderBody } from './support/order-requests';
import { runScope } from './support/run-scope';
import { settledOrder } from './support/saga-progress';

/**
 * Customer notifications end to end: an order placed with a contact is told it is confirmed, cancelled
 * (with the reason in words) or shipped, once per event and channel, and its notification records show
 * what the e-mail provider reported (SES's mailbox simulator: success@ delivers, bounce@ bounces).
 * The records are read through the API on every target; the messages themselves where the target keeps
 * them (`capabilities.readsSentMessages`: a local runtime), the provider's verdicts where they reach the
 * records (`capabilities.emailFeedback`).
 */
describe('customer notifications, end to end', () => {
  const scope = runScope('notify');
  let target: E2eTarget;
  let call: ApiCall;
  let sku: string;
  const tokens = { customer: '', other: '', admin: '' };

  interface NotificationView {
    id: string;
    channel: 'email' | 'sms';
    template: string;
    status: string;
    recipient: string;
    sentAt: string;
    updatedAt: string;
  }

  const place = async (key: string, contact: { email?: string; phone?: string }, paymentToken = 'tok_visa') => {
    const created = await call('POST', '/api/v1/orders', {
      token: tokens.customer,
      body: { ...orderBody(sku, 1, paymentToken), contact },
      headers: { 'idempotency-key': scope.name(key) },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  const notificationsOf = async (orderId: string, token = tokens.customer): Promise<NotificationView[]> => {
    const answer = await call('GET', `/api/v1/orders/${orderId}/notifications`, { token });
    if (answer.status !== 200) throw new Error(`GET notifications of ${orderId} answered ${answer.status}`);
    return answer.body.items as NotificationView[];
  };

  /** Waits until the order's notification on `channel` about `template` is `status`, and returns all of the order's. */
  const notificationReaches = (orderId: string, template: string, channel: 'email' | 'sms', status: string) =>
    eventually(
      async () => {
        const items = await notificationsOf(orderId);
        expect(items.filter((item) => item.template === template && item.channel === channel).map((item) => item.status)).toEqual([status]);
        return items;
      },
      { what: `the ${channel} ${template} of ${orderId} is ${status}` },
    );

  const mailAbout = async (orderId: string) => (await target.sentMessages.mail()).filter((mail) => `${mail.subject}\n${mail.text}`.includes(orderId));

  beforeAll(async () => {
    target = await startE2eTarget();
    call = apiClient(target.url);
    tokens.customer = await target.tokenFor(scope.name('customer'));
    tokens.other = await target.tokenFor(scope.name('other'));
    tokens.admin = await target.tokenFor(scope.name('admin'), ['admin']);
    ({ beans: sku } = await putProducts(call, tokens.admin, scope, { beans: { name: 'Espresso beans 1 kg', price: 2490, stock: 100 } }));
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
  });

  it('a confirmed order to success@simulator.amazonses.com: one e-mail naming the order, its record delivered (where the provider reports back), nothing twice', async () => {
    const orderId = await place('success', { email: 'success@simulator.amazonses.com' });
    expect((await settledOrder(call, tokens.customer, orderId)).status).toBe('confirmed');
    const status = target.capabilities.emailFeedback ? 'delivered' : 'sent';
    const items = await notificationReaches(orderId, 'order-confirmed', 'email', status);
    expect(items).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^email:/),
        channel: 'email',
        template: 'order-confirmed',
        recipient: 's•••@simulator.amazonses.com',
      }),
    ]);
    // Someone else's order is not found; an admin reads it.
    expect((await call('GET', `/api/v1/orders/${orderId}/notifications`, { token: tokens.other })).status).toBe(404);
    expect(await notificationsOf(orderId, tokens.admin)).toHaveLength(1);
    if (target.capabilities.readsSentMessages) {
      const mail = await mailAbout(orderId);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ to: ['success@simulator.amazonses.com'] });
      expect(mail[0]!.html).toContain(orderId);
    }
  });

  it('an order to bounce@simulator.amazonses.com ends bounced (where the provider reports back)', async () => {
    const orderId = await place('bounce', { email: 'bounce@simulator.amazonses.com' });
    expect((await settledOrder(call, tokens.customer, orderId)).status).toBe('confirmed');
    await notificationReaches(orderId, 'order-confirmed', 'email', target.capabilities.emailFeedback ? 'bounced' : 'sent');
  });

  it('a declined payment sends the cancellation e-mail with its reason in words', async () => {
    const orderId = await place('declined', { email: 'success@simulator.amazonses.com' }, 'tok_declined');
    expect((await settledOrder(call, tokens.customer, orderId)).status).toBe('cancelled');
    await notificationReaches(orderId, 'order-cancelled', 'email', target.capabilities.emailFeedback ? 'delivered' : 'sent');
    if (target.capabilities.readsSentMessages) {
      const mail = await mailAbout(orderId);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.text).toContain('the payment was declined');
    }
  });

  it("without a contact in the body, the token's e-mail and verified phone number are told (a local runtime's issuer puts them in its tokens)", async () => {
    if (!target.capabilities.localEndpoints || !target.capabilities.readsSentMessages) return;
    const issued = await fetch(`${target.url}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sub: scope.name('claims'),
        email: 'success+claims@simulator.amazonses.com',
        phone_number: '+447700900456',
        phone_number_verified: true,
      }),
    });
    const { token } = (await issued.json()) as { token: string };
    const created = await call('POST', '/api/v1/orders', { token, body: orderBody(sku), headers: { 'idempotency-key': scope.name('claims') } });
    expect(created.status).toBe(201);
    expect(created.body.contact).toEqual({ email: 'success+claims@simulator.amazonses.com', phone: '+447700900456' });
    expect((await settledOrder(call, token, created.body.id)).status).toBe('confirmed');
    await eventually(
      async () => {
        expect((await mailAbout(created.body.id)).map((mail) => mail.to)).toEqual([['success+claims@simulator.amazonses.com']]);
      },
      { what: `the confirmation of ${created.body.id} to the token's address` },
    );
  });

  it('shipping an order with a phone sends one text message, and one e-mail per event', async () => {
    const phone = '+447700900123';
    const orderId = await place('ship', { email: 'success@simulator.amazonses.com', phone });
    expect((await settledOrder(call, tokens.customer, orderId)).status).toBe('confirmed');
    const shipped = await call('PATCH', `/api/v1/orders/${orderId}/status`, { token: tokens.admin, body: { status: 'shipped' } });
    expect(shipped.status).toBe(200);
    const items = await notificationReaches(orderId, 'order-shipped', 'sms', 'sent');
    expect(items.find((item) => item.channel === 'sms')).toMatchObject({ recipient: '+44••••••••23' });
    await notificationReaches(orderId, 'order-shipped', 'email', target.capabilities.emailFeedback ? 'delivered' : 'sent');
    if (target.capabilities.readsSentMessages) {
      const texts = (await target.sentMessages.texts()).filter((text) => text.body.includes(orderId));
      expect(texts).toEqual([expect.objectContaining({ to: phone })]);
      // Confirmed, then shipped: one e-mail each.
      expect((await mailAbout(orderId)).map((mail) => mail.subject)).toHaveLength(2);
    }
  });
});
