import { createOrderBodySchema, idempotencyKeySchema } from '#orders/domain/create-order-request';
import { ISO_COUNTRY_CODES } from '#orders/domain/iso-country-codes';
import { orderBody } from '../support/order-fixtures';

const issuesOf = (body: unknown) => {
  const parsed = createOrderBodySchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('/'), code: issue.code }));
};

describe('createOrderBodySchema', () => {
  it('accepts the body of the contract, with and without line2', () => {
    expect(createOrderBodySchema.safeParse(orderBody()).success).toBe(true);
    const withLine2 = orderBody({ shippingAddress: { name: 'Ada', line1: '1 Main St', line2: 'Apt 4', city: 'Berlin', postalCode: '10115', country: 'DE' } });
    expect(createOrderBodySchema.parse(withLine2).shippingAddress.line2).toBe('Apt 4');
  });

  it.each([
    ['the top level', { ...orderBody(), coupon: 'FREE' }, ''],
    ['an item', orderBody({ items: [{ sku: 'SKU-1', quantity: 1, price: 1 }] }), 'items/0'],
    ['the address', orderBody({ shippingAddress: { name: 'Ada', line1: '1', city: 'B', postalCode: '1', country: 'DE', phone: '1' } }), 'shippingAddress'],
    ['the payment', orderBody({ payment: { method: 'card', token: 'tok_visa', amount: 1 } }), 'payment'],
  ])('rejects an unknown field in %s', (_where, body, path) => {
    expect(issuesOf(body)).toEqual([{ path, code: 'unrecognized_keys' }]);
  });

  it('takes an optional contact: an e-mail address and an E.164 phone number, each optional, nothing else', () => {
    expect(issuesOf(orderBody({ contact: { email: 'ada@example.com', phone: '+4915112345678' } }))).toEqual([]);
    expect(issuesOf(orderBody({ contact: {} }))).toEqual([]);
    expect(issuesOf(orderBody({ contact: { email: 'ada@', phone: '015112345678' } }))).toEqual([
      { path: 'contact/email', code: 'invalid_format' },
      { path: 'contact/phone', code: 'invalid_format' },
    ]);
    expect(issuesOf(orderBody({ contact: { phone: '+0151' } }))).toEqual([{ path: 'contact/phone', code: 'invalid_format' }]);
    expect(issuesOf(orderBody({ contact: { email: `${'a'.repeat(250)}@example.com` } }))).toEqual([{ path: 'contact/email', code: 'too_big' }]);
    expect(issuesOf(orderBody({ contact: { fax: '+4930123' } }))).toEqual([{ path: 'contact', code: 'unrecognized_keys' }]);
  });

  it('takes 1 to 50 items', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    expect(issuesOf(orderBody({ items: [] }))).toEqual([{ path: 'items', code: 'too_small' }]);
    expect(issuesOf(orderBody({ items: items(50) }))).toEqual([]);
    expect(issuesOf(orderBody({ items: items(51) }))).toEqual([{ path: 'items', code: 'too_big' }]);
  });

  it('rejects a sku given twice, pointing at the repeated line', () => {
    const body = orderBody({
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
      ],
    });
    expect(issuesOf(body)).toEqual([{ path: 'items/2/sku', code: 'custom' }]);
  });

  it.each([[0], [101], [1.5], [-1], ['2'], [null]])('rejects quantity %p', (quantity) => {
    expect(issuesOf(orderBody({ items: [{ sku: 'SKU-1', quantity }] }))[0]?.path).toBe('items/0/quantity');
  });

  it('accepts quantities 1 and 100', () => {
    expect(
      issuesOf(
        orderBody({
          items: [
            { sku: 'A', quantity: 1 },
            { sku: 'B', quantity: 100 },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it.each([['XX'], ['UK'], ['de'], ['DEU'], [''], [276]])('rejects country %p', (country) => {
    const body = orderBody({ shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country } });
    expect(issuesOf(body).map((issue) => issue.path)).toEqual(['shippingAddress/country']);
  });

  it('knows the 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
    expect(ISO_COUNTRY_CODES).toHaveLength(249);
    expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
    expect(ISO_COUNTRY_CODES).toEqual(expect.arrayContaining(['DE', 'GB', 'US', 'SS', 'CW']));
  });

  it('requires the address fields (line2 excepted) and refuses blank ones', () => {
    const body = orderBody({ shippingAddress: { name: '  ', line1: '1 Main St', city: 'Berlin', country: 'DE' } });
    expect(
      issuesOf(body)
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(['shippingAddress/name', 'shippingAddress/postalCode']);
  });

  it('takes only card payments with a provider token', () => {
    expect(issuesOf(orderBody({ payment: { method: 'paypal', token: 'tok_visa' } }))).toEqual([{ path: 'payment/method', code: 'invalid_value' }]);
    expect(issuesOf(orderBody({ payment: { method: 'card', token: '4242 4242 4242 4242' } }))).toEqual([{ path: 'payment/token', code: 'invalid_format' }]);
  });
});

describe('idempotencyKeySchema', () => {
  it.each([['a'], ['A-b_9'], ['k'.repeat(128)]])('accepts %p', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
  });

  it.each([[undefined], [''], ['k'.repeat(129)], ['has space'], ['a#b'], ['é']])('rejects %p', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });
});
