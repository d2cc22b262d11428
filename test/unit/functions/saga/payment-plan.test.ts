import { nextPaymentAction, paymentCompensation, providerIdempotencyKey, sagaCallbackFor, type SagaPayment } from '../../../../functions/saga/domain/payment-plan';
import { refundIdempotencyKey } from '../../../../functions/payments/domain/refund-policy';

const payment = (overrides: Partial<SagaPayment> = {}): SagaPayment => ({
  id: 'pay-1',
  orderId: 'order-1',
  status: 'pending',
  amount: 2500,
  currency: 'EUR',
  token: 'tok_visa',
  ...overrides,
});

describe('the payment step picks up where the payment stands', () => {
  it.each([
    [{ status: 'pending' }, 'authorize'],
    [{ status: 'pending', authorizationRequestedAt: '2026-01-01T00:00:00Z' }, 'authorize'],
    [{ status: 'pending', awaitingProviderSince: '2026-01-01T00:00:00Z' }, 'await-provider'],
    [{ status: 'authorized' }, 'capture'],
    [{ status: 'captured' }, 'captured'],
    [{ status: 'declined' }, 'declined'],
    [{ status: 'voided' }, 'abandoned'],
    [{ status: 'refunded' }, 'abandoned'],
  ] as const)('%o → %s', (overrides, action) => {
    expect(nextPaymentAction(payment(overrides))).toBe(action);
  });
});

describe('compensation settles a payment as its status requires', () => {
  it.each([
    [{ status: 'captured' }, { kind: 'refund' }],
    [{ status: 'authorized' }, { kind: 'void', provider: 'required' }],
    [{ status: 'pending', awaitingProviderSince: 'x' }, { kind: 'void', provider: 'required' }],
    [{ status: 'pending', authorizationRequestedAt: 'x' }, { kind: 'void', provider: 'best-effort' }],
    [{ status: 'pending' }, { kind: 'void', provider: 'not-needed' }],
    [{ status: 'declined' }, { kind: 'none' }],
    [{ status: 'voided' }, { kind: 'none' }],
    [{ status: 'refunded' }, { kind: 'none' }],
  ] as const)('%o → %o', (overrides, plan) => {
    expect(paymentCompensation(payment(overrides))).toEqual(plan);
  });
});

describe('a parked saga is resumed with what the payment says', () => {
  it('waits while pending, succeeds once authorized or captured', () => {
    expect(sagaCallbackFor(payment())).toBeUndefined();
    expect(sagaCallbackFor(payment({ status: 'authorized' }))).toEqual({ kind: 'success', output: { paymentId: 'pay-1', paymentStatus: 'authorized' } });
    expect(sagaCallbackFor(payment({ status: 'captured' }))).toMatchObject({ kind: 'success' });
  });

  it('fails with the error names the state machine catches', () => {
    expect(sagaCallbackFor(payment({ status: 'declined', declineReason: 'card_declined' }))).toEqual({ kind: 'failure', error: 'PaymentDeclined', cause: 'card_declined' });
    expect(sagaCallbackFor(payment({ status: 'voided' }))).toMatchObject({ kind: 'failure', error: 'OrderCancelled' });
  });
});

describe('provider idempotency keys', () => {
  it('are one per payment and operation, and a refund shares the admin refund route\'s key', () => {
    const keys = (['authorize', 'capture', 'void', 'refund'] as const).map((operation) => providerIdempotencyKey('pay-1', operation));
    expect(new Set(keys).size).toBe(4);
    expect(providerIdempotencyKey('pay-1', 'refund')).toBe(refundIdempotencyKey('pay-1'));
    expect(providerIdempotencyKey('pay-1', 'capture')).toBe(providerIdempotencyKey('pay-1', 'capture'));
  });
});
