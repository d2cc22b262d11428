import { listOrdersQuerySchema } from '#orders/domain/list-orders-query';

describe('listOrdersQuerySchema', () => {
  it('defaults the page size to 20', () => {
    expect(listOrdersQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it('reads the query string values', () => {
    expect(listOrdersQuerySchema.parse({ status: 'shipped', limit: '100', cursor: 'abc.def', customerId: 'cust-9' })).toEqual({
      status: 'shipped',
      limit: 100,
      cursor: 'abc.def',
      customerId: 'cust-9',
    });
  });

  it.each([['0'], ['101'], ['1.5'], ['ten'], [''], ['-1']])('rejects limit %p', (limit) => {
    expect(listOrdersQuerySchema.safeParse({ limit }).success).toBe(false);
  });

  it('rejects an unknown status, an unknown parameter and an empty cursor', () => {
    expect(listOrdersQuerySchema.safeParse({ status: 'lost' }).success).toBe(false);
    expect(listOrdersQuerySchema.safeParse({ statsu: 'pending' }).success).toBe(false);
    expect(listOrdersQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
  });
});
