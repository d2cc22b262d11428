import fc from 'fast-check';
import { cancellationReasonFor, COMPENSATED_ERRORS } from '#saga/domain/cancellation-reason';
import { OrderCancelled, OutOfStock, PaymentPending, StoreBusy } from '#saga/domain/saga-errors';
import { MAX_TRANSACTION_ITEMS, reservationLines } from '#saga/domain/stock-reservation';
import { asStoreBusy, isTransientCancellation } from '#saga/adapters/store-errors';

describe('cancellation reasons', () => {
  it.each([
    ['OutOfStock', 'out_of_stock'],
    ['PaymentDeclined', 'payment_declined'],
    ['PaymentProviderUnavailable', 'payment_unavailable'],
    ['States.Timeout', 'payment_unavailable'],
    ['OrderCancelled', 'customer_cancelled'],
  ])('%s → %s', (error, reason) => {
    expect(cancellationReasonFor(error)).toBe(reason);
  });

  it('has none for errors the saga never compensates', () => {
    expect(cancellationReasonFor('Lambda.ServiceException')).toBeUndefined();
    expect(cancellationReasonFor('toString')).toBeUndefined();
    expect(COMPENSATED_ERRORS).toContain('OrderCancelled');
  });
});

describe('error names are what the state machine matches', () => {
  it.each([
    [new OutOfStock(['SKU-1']), 'OutOfStock'],
    [new OrderCancelled('o-1'), 'OrderCancelled'],
    [new PaymentPending('p-1'), 'PaymentPending'],
    [new StoreBusy('busy'), 'StoreBusy'],
  ])('%s', (error, name) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('reservation lines', () => {
  it('adds up a repeated sku and sorts by sku', () => {
    expect(
      reservationLines([
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 4 },
    ]);
  });

  it('refuses empty orders, non-positive quantities and orders that do not fit one transaction', () => {
    expect(() => reservationLines([])).toThrow(RangeError);
    expect(() => reservationLines([{ sku: 'A', quantity: 0 }])).toThrow(RangeError);
    // The reservation record and one update per sku: 99 skus fit in one transaction, 100 do not.
    const lines = (count: number) => Array.from({ length: count }, (_, index) => ({ sku: `S${index}`, quantity: 1 }));
    expect(reservationLines(lines(MAX_TRANSACTION_ITEMS - 1))).toHaveLength(MAX_TRANSACTION_ITEMS - 1);
    expect(() => reservationLines(lines(MAX_TRANSACTION_ITEMS))).toThrow(/does not fit/);
  });

  it('keeps every unit of every sku (property)', () => {
    const line = fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'D'), quantity: fc.integer({ min: 1, max: 100 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (items) => {
        const lines = reservationLines(items);
        for (const sku of ['A', 'B', 'C', 'D']) {
          const wanted = items.filter((item) => item.sku === sku).reduce((sum, item) => sum + item.quantity, 0);
          expect(lines.find((l) => l.sku === sku)?.quantity ?? 0).toBe(wanted);
        }
        expect(new Set(lines.map((l) => l.sku)).size).toBe(lines.length);
      }),
    );
  });
});

describe('transient DynamoDB errors become StoreBusy', () => {
  const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'TransactionConflictException', 'InternalServerError'])('%s', (name) => {
    expect((asStoreBusy(named(name)) as Error).name).toBe('StoreBusy');
  });

  it('a transaction cancelled by contention only, but not one a condition cancelled', () => {
    const conflict = named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });
    const condition = named('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'ConditionalCheckFailed' }] });
    expect((asStoreBusy(conflict) as Error).name).toBe('StoreBusy');
    expect(asStoreBusy(condition)).toBe(condition);
    expect(isTransientCancellation(undefined)).toBe(false);
  });

  it('leaves other errors alone', () => {
    const error = named('ValidationException');
    expect(asStoreBusy(error)).toBe(error);
  });
});
