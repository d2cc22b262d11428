import { createOrderBodySchema } from '#orders/domain/create-order-request';
import { placeOrder } from '#orders/domain/order-placement';
import { orderSchema } from '#orders/domain/order';
import { requestFingerprint } from '#orders/domain/request-fingerprint';
import { orderBody } from '../support/order-fixtures';

describe('placeOrder', () => {
  const request = createOrderBodySchema.parse(orderBody());
  const priced = { items: [{ sku: 'SKU-1', name: 'Beans', quantity: 2, unitPrice: 2490 }], totalAmount: 4980, currency: 'EUR' };
  const place = (body = request, tokenContact: { email?: string; phone?: string } = {}) =>
    placeOrder({ orderId: 'O1', paymentId: 'P1', customerId: 'cust-1', request: body, priced, tokenContact, now: new Date('2026-03-01T12:00:00.000Z') });
  const placed = place();

  it('creates a pending order that matches the response schema', () => {
    expect(orderSchema.parse(placed.order)).toEqual(placed.order);
    expect(placed.order).toMatchObject({
      id: 'O1',
      customerId: 'cust-1',
      status: 'pending',
      totalAmount: 4980,
      currency: 'EUR',
      payment: { id: 'P1', status: 'pending' },
    });
    expect(placed.order.createdAt).toBe('2026-03-01T12:00:00.000Z');
    expect(placed.order).not.toHaveProperty('cancellationReason');
  });

  it("takes the request's contact as given, else the token's valid contact claims", () => {
    const token = { email: 'ada@example.com', phone: '+4915112345678' };
    expect(place(request, token).order.contact).toEqual(token);
    const given = createOrderBodySchema.parse(orderBody({ contact: { email: 'gift@example.com' } }));
    expect(place(given, token).order.contact).toEqual({ email: 'gift@example.com' });
    const optedOut = createOrderBodySchema.parse(orderBody({ contact: {} }));
    expect(place(optedOut, token).order.contact).toEqual({});
    expect(place(request, { email: 'not an address', phone: '0151 1234' }).order.contact).toEqual({});
    expect(orderSchema.parse(place(request, token).order)).toEqual(place(request, token).order);
  });

  it('creates its pending payment for the total, with the card token', () => {
    expect(placed.payment).toEqual({
      id: 'P1',
      orderId: 'O1',
      customerId: 'cust-1',
      status: 'pending',
      amount: 4980,
      currency: 'EUR',
      method: 'card',
      token: 'tok_visa',
      createdAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
  });
});

describe('requestFingerprint', () => {
  it('ignores key order but not content', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestFingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(requestFingerprint({ a: 1, b: { c: [1, 2] } })).not.toBe(requestFingerprint({ a: 1, b: { c: [2, 1] } }));
  });
});
