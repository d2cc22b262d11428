import { MAX_STOCK, productFrom, productInputSchema, skuSchema } from '#inventory/domain/product';
import { listProductsQuerySchema } from '#inventory/domain/product-listing';
import { startingStockRange, stockAdjustmentSchema } from '#inventory/domain/stock-adjustment';

const valid = { name: 'Mug', price: 1290, currency: 'EUR', stock: 5 };

describe('productInputSchema', () => {
  it('accepts a product and trims its name', () => {
    expect(productInputSchema.parse({ ...valid, name: '  Mug ' })).toEqual(valid);
  });

  it.each([
    ['an unknown field', { ...valid, sku: 'X' }],
    ['a blank name', { ...valid, name: '   ' }],
    ['a name with a control character', { ...valid, name: 'Mug\u0000' }],
    ['a name with an unpaired surrogate', { ...valid, name: 'Mug \ud800' }],
    ['a fractional price', { ...valid, price: 12.5 }],
    ['a negative price', { ...valid, price: -1 }],
    ['a lower-case currency', { ...valid, currency: 'eur' }],
    ['negative stock', { ...valid, stock: -1 }],
    ['stock above the maximum', { ...valid, stock: MAX_STOCK + 1 }],
    ['a missing field', { name: 'Mug', price: 1, currency: 'EUR' }],
  ])('rejects %s', (_what, input) => {
    expect(productInputSchema.safeParse(input).success).toBe(false);
  });

  it('accepts any well-formed name, emoji included', () => {
    expect(productInputSchema.parse({ ...valid, name: 'Mug ☕ 😀 é' }).name).toBe('Mug ☕ 😀 é');
  });

  it('builds the product with its sku and time', () => {
    expect(productFrom('SKU-1', valid, new Date('2026-01-02T03:04:05Z'))).toEqual({ sku: 'SKU-1', ...valid, updatedAt: '2026-01-02T03:04:05.000Z' });
  });
});

describe('skuSchema', () => {
  it.each(['SKU-1', 'a_b', 'x'.repeat(64)])('accepts %s', (sku) => expect(skuSchema.safeParse(sku).success).toBe(true));
  it.each(['', 'x'.repeat(65), 'SKU 1', 'SKU#1', 'ä'])('rejects %j', (sku) => expect(skuSchema.safeParse(sku).success).toBe(false));
});

describe('stockAdjustmentSchema', () => {
  it.each([1, -1, MAX_STOCK, -MAX_STOCK])('accepts %d', (delta) => expect(stockAdjustmentSchema.parse({ delta })).toEqual({ delta }));
  it.each([0, 1.5, MAX_STOCK + 1, -MAX_STOCK - 1, '1', null])('rejects %j', (delta) => {
    const result = stockAdjustmentSchema.safeParse({ delta });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/non-zero integer/);
  });
  it('rejects unknown fields', () => expect(stockAdjustmentSchema.safeParse({ delta: 1, reason: 'x' }).success).toBe(false));
});

describe('startingStockRange', () => {
  it('keeps a removal from going below 0', () => expect(startingStockRange(-5)).toEqual({ min: 5, max: MAX_STOCK }));
  it('keeps an addition from going above the maximum', () => expect(startingStockRange(5)).toEqual({ min: 0, max: MAX_STOCK - 5 }));
});

describe('listProductsQuerySchema', () => {
  const limit = listProductsQuerySchema.shape.limit;
  it('defaults the page size to 20', () => expect(limit.parse(undefined)).toBe(20));
  it.each(['1', '100', '37'])('accepts %s', (value) => expect(limit.parse(value)).toBe(Number(value)));
  it.each(['0', '101', '-1', '2.5', 'abc', ''])('rejects %j', (value) => expect(limit.safeParse(value).success).toBe(false));
});
