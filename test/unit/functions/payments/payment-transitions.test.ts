import { mayRead, PAYMENT_STATUSES, paymentSchema, paymentView, type PaymentRecord, type PaymentStatus } from '#payments/domain/payment';
import { canTransition, PAYMENT_TRANSITIONS, transitionOutcome } from '#payments/domain/payment-transitions';
import { refundDecision, refundIdempotencyKey } from '#payments/domain/refund-policy';

const allowed: [PaymentStatus, PaymentStatus][] = [
  ['pending', 'authorized'],
  ['pending', 'declined'],
  ['pending', 'voided'],
  ['authorized', 'captured'],
  ['authorized', 'voided'],
  ['captured', 'refunded'],
];

describe('payment transitions', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transitionOutcome(from, to)).toBe('apply');
  });

  it('allows nothing else', () => {
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('treats a move to the status a payment already has as already done, not as a conflict', () => {
    for (const status of PAYMENT_STATUSES) expect(transitionOutcome(status, status)).toBe('already');
    expect(transitionOutcome('refunded', 'captured')).toBe('not-allowed');
    expect(transitionOutcome('declined', 'authorized')).toBe('not-allowed');
  });

  it('has final states with no way out', () => {
    expect(PAYMENT_TRANSITIONS.declined).toEqual([]);
    expect(PAYMENT_TRANSITIONS.voided).toEqual([]);
    expect(PAYMENT_TRANSITIONS.refunded).toEqual([]);
  });
});

describe('refund policy', () => {
  it('refunds captured payments only, and a refunded one is already done', () => {
    expect(refundDecision('captured')).toBe('refund');
    expect(refundDecision('refunded')).toBe('already-refunded');
    for (const status of ['pending', 'authorized', 'declined', 'voided'] as const) expect(refundDecision(status)).toBe('nothing-to-refund');
  });

  it('uses one provider idempotency key per payment', () => {
    expect(refundIdempotencyKey('p1')).toBe(refundIdempotencyKey('p1'));
    expect(refundIdempotencyKey('p1')).not.toBe(refundIdempotencyKey('p2'));
  });
});

describe('payment view', () => {
  const record: PaymentRecord = {
    id: 'p1',
    orderId: 'o1',
    customerId: 'c1',
    status: 'captured',
    amount: 2490,
    currency: 'EUR',
    method: 'card',
    token: 'tok_visa',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    version: 3,
  };

  it("shows the API's fields only: no token, no customer, no version", () => {
    const view = paymentView(record);
    expect(view).toEqual({ id: 'p1', orderId: 'o1', status: 'captured', amount: 2490, currency: 'EUR', updatedAt: '2026-01-01T00:01:00.000Z' });
    expect(paymentSchema.parse(view)).toEqual(view);
  });

  it('is readable by its customer and by admins only', () => {
    expect(mayRead(record, { customerId: 'c1', isAdmin: false })).toBe(true);
    expect(mayRead(record, { customerId: 'c2', isAdmin: false })).toBe(false);
    expect(mayRead(record, { customerId: 'c2', isAdmin: true })).toBe(true);
  });
});
