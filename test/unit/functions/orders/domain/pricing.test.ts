import { MixedCurrenciesError, UnknownSkusError } from '#orders/domain/order-errors';
import { priceOrder, type CatalogPrice } from '#orders/domain/pricing';

const catalog = new Map<string, CatalogPrice>(
  [
    { sku: 'A', name: 'Beans', price: 2490, currency: 'EUR' },
    { sku: 'B', name: 'Mug', price: 1290, currency: 'EUR' },
    { sku: 'C', name: 'Kettle', price: 5000, currency: 'USD' },
  ].map((product) => [product.sku, product]),
);

describe('priceOrder', () => {
  it('takes names and unit prices from the catalog and totals in minor units', () => {
    expect(
      priceOrder(
        [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 3 },
        ],
        catalog,
      ),
    ).toEqual({
      items: [
        { sku: 'A', name: 'Beans', quantity: 2, unitPrice: 2490 },
        { sku: 'B', name: 'Mug', quantity: 3, unitPrice: 1290 },
      ],
      totalAmount: 2 * 2490 + 3 * 1290,
      currency: 'EUR',
    });
  });

  it('names every unknown sku with its line', () => {
    let error: unknown;
    try {
      priceOrder(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'X', quantity: 1 },
          { sku: 'Y', quantity: 1 },
        ],
        catalog,
      );
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UnknownSkusError);
    expect((error as UnknownSkusError).unknown).toEqual([
      { index: 1, sku: 'X' },
      { index: 2, sku: 'Y' },
    ]);
    expect((error as Error).message).toBe('Unknown skus: X, Y.');
  });

  it('refuses items in different currencies', () => {
    expect(() =>
      priceOrder(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'C', quantity: 1 },
        ],
        catalog,
      ),
    ).toThrow(MixedCurrenciesError);
  });

  it('stays exact at the largest order the schemas allow', () => {
    const expensive = new Map([['Z', { sku: 'Z', name: 'Z', price: 100_000_000, currency: 'EUR' }]]);
    expect(priceOrder([{ sku: 'Z', quantity: 100 }], expensive).totalAmount).toBe(10_000_000_000);
  });
});
