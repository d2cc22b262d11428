import { isSettledPayment, nextPaymentAction, providerIdempotencyKey, sagaCallbackFor, settlementStep, type SagaPayment } from '#saga/domain/payment-plan';
import { refundIdempotencyKey } from '#payments/domain/refund-policy';

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
    [{ status: 'pending' }, 'create'],
    [{ status: 'pending', providerPaymentId: 'pi_1' }, 'authorize'],
    [{ status: 'pending', providerPaymentId: 'pi_1', awaitingProviderSince: '2026-01-01T00:00:00Z' }, 'await-provider'],
    [{ status: 'authorized', providerPaymentId: 'pi_1' }, 'capture'],
    [{ status: 'captured' }, 'captured'],
    [{ status: 'declined' }, 'declined'],
    [{ status: 'voided' }, 'abandoned'],
    [{ status: 'refunded' }, 'abandoned'],
  ] as const)('%o → %s', (overrides, action) => {
    expect(nextPaymentAction(payment(overrides))).toBe(action);
  });
});

describe('compensation settles a payment from what the provider says it holds, never blindly', () => {
  it.each([
    // Nothing left to do here, whatever the provider says.
    ['declined', 'authorized', { kind: 'settled' }],
    ['voided', 'captured', { kind: 'settled' }],
    ['refunded', 'captured', { kind: 'settled' }],
    // Never created at the provider: nothing can be held.
    ['pending', 'not-created', { kind: 'record-voided' }],
    // Anything uncaptured at the provider is cancelled there (a decline too: no late authorization can follow).
    ['pending', 'created', { kind: 'void' }],
    ['pending', 'pending', { kind: 'void' }],
    ['pending', 'authorized', { kind: 'void' }],
    ['authorized', 'authorized', { kind: 'void' }],
    ['pending', 'declined', { kind: 'void' }],
    // A capture whose answer was lost: our record catches up one step at a time, then it is refunded.
    ['pending', 'captured', { kind: 'record', to: 'authorized' }],
    ['authorized', 'captured', { kind: 'record', to: 'captured' }],
    ['captured', 'captured', { kind: 'refund' }],
    // Already refunded or cancelled at the provider: only recorded.
    ['authorized', 'refunded', { kind: 'record', to: 'captured' }],
    ['captured', 'refunded', { kind: 'record', to: 'refunded' }],
    ['pending', 'voided', { kind: 'record', to: 'voided' }],
    ['authorized', 'voided', { kind: 'record', to: 'voided' }],
    // The provider knows less than we do (the in-sandbox simulator of another sandbox): our record decides.
    ['captured', 'created', { kind: 'refund' }],
    ['authorized', 'created', { kind: 'void' }],
  ] as const)("ours %s, the provider's %s → %o", (ours, provider, step) => {
    expect(settlementStep(ours, provider)).toEqual(step);
  });

  it('names a contradiction instead of guessing', () => {
    expect(settlementStep('captured', 'voided')).toMatchObject({ kind: 'inconsistent' });
    expect(settlementStep('authorized', 'not-created')).toMatchObject({ kind: 'inconsistent' });
  });

  it('a settled payment needs no question to the provider', () => {
    expect(['declined', 'voided', 'refunded'].every((status) => isSettledPayment(status as SagaPayment['status']))).toBe(true);
    expect(['pending', 'authorized', 'captured'].some((status) => isSettledPayment(status as SagaPayment['status']))).toBe(false);
  });
});

describe('a parked saga is resumed with what the payment says', () => {
  it('waits while pending, succeeds once authorized or captured', () => {
    expect(sagaCallbackFor(payment())).toBeUndefined();
    expect(sagaCallbackFor(payment({ status: 'authorized' }))).toEqual({ kind: 'success', output: { paymentId: 'pay-1', paymentStatus: 'authorized' } });
    expect(sagaCallbackFor(payment({ status: 'captured' }))).toMatchObject({ kind: 'success' });
  });

  it('fails with the error names the state machine catches', () => {
    expect(sagaCallbackFor(payment({ status: 'declined', declineReason: 'card_declined' }))).toEqual({
      kind: 'failure',
      error: 'PaymentDeclined',
      cause: 'card_declined',
    });
    expect(sagaCallbackFor(payment({ status: 'voided' }))).toMatchObject({ kind: 'failure', error: 'OrderCancelled' });
  });
});

describe('provider idempotency keys', () => {
  it("are one per payment and operation, and a refund shares the admin refund route's key", () => {
    const keys = (['create', 'authorize', 'capture', 'void', 'refund'] as const).map((operation) => providerIdempotencyKey('pay-1', operation));
    expect(new Set(keys).size).toBe(5);
    expect(providerIdempotencyKey('pay-1', 'refund')).toBe(refundIdempotencyKey('pay-1'));
    expect(providerIdempotencyKey('pay-1', 'capture')).toBe(providerIdempotencyKey('pay-1', 'capture'));
  });
});
