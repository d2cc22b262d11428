import { reportedStatus, webhookEventSchema } from '#payments/domain/webhook-event';

describe('webhookEventSchema', () => {
  const event = { id: 'evt_1', type: 'payment.authorized', data: { paymentId: 'p1' } };

  it('accepts an event, and members the provider may add later', () => {
    expect(webhookEventSchema.parse(event)).toEqual(event);
    const grown = { ...event, created: 1772366400, livemode: false, data: { ...event.data, amount: 10 } };
    expect(webhookEventSchema.parse(grown)).toEqual(grown);
  });

  it.each([
    ['no id', { type: event.type, data: event.data }],
    ['a bad id', { ...event, id: 'evt 1' }],
    ['a bad type', { ...event, type: 'Payment Authorized' }],
    ['no payment id', { ...event, data: {} }],
    ['a bad payment id', { ...event, data: { paymentId: '../x' } }],
    ['no data', { id: 'evt_1', type: 'payment.authorized' }],
  ])('rejects %s', (_what, body) => {
    expect(webhookEventSchema.safeParse(body).success).toBe(false);
  });

  it('maps the event types it acts on to the status they report, and no others', () => {
    expect(reportedStatus('payment.authorized')).toBe('authorized');
    expect(reportedStatus('payment.failed')).toBe('declined');
    expect(reportedStatus('payment.captured')).toBe('captured');
    expect(reportedStatus('payment.voided')).toBe('voided');
    expect(reportedStatus('payment.refunded')).toBe('refunded');
    expect(reportedStatus('payment.disputed')).toBeUndefined();
    expect(reportedStatus('toString')).toBeUndefined();
  });
});
