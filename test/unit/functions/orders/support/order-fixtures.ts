import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Order } from '#orders/domain/order';
import type { OrderStatus } from '#orders/domain/order-status';

export const customer = { sub: 'cust-1' };
export const otherCustomer = { sub: 'cust-2' };
export const admin = { sub: 'admin-1', groups: ['admin'] };

export const catalogProducts = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', price: 2490, currency: 'EUR' },
  { sku: 'SKU-2', name: 'Ceramic mug', price: 1290, currency: 'EUR' },
  { sku: 'USD-1', name: 'Imported kettle', price: 5000, currency: 'USD' },
];

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    items: [
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-2', quantity: 1 },
    ],
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    payment: { method: 'card', token: 'tok_visa' },
    ...overrides,
  };
}

let sequence = 0;

/** An order as the saga or earlier requests may have left it. */
export function anOrder(fields: Partial<Order> & { status?: OrderStatus } = {}): Order {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString();
  return {
    id: `01JORDER${String(sequence).padStart(18, '0')}`,
    customerId: customer.sub,
    status: 'pending',
    items: [{ sku: 'SKU-1', name: 'Espresso beans 1 kg', quantity: 1, unitPrice: 2490 }],
    totalAmount: 2490,
    currency: 'EUR',
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    payment: { id: `01JPAY${String(sequence).padStart(20, '0')}`, status: 'pending' },
    createdAt,
    updatedAt: createdAt,
    ...fields,
  };
}

export const json = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, any>;

/** Every 4xx/5xx is an RFC 9457 problem that leaks nothing. */
export function expectProblem(response: APIGatewayProxyResult, status: number): Record<string, any> {
  expect(response.statusCode).toBe(status);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  const problem = json(response);
  expect(problem).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:ordersaga:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
    instance: expect.any(String),
  });
  expect(response.body).not.toMatch(/arn:aws|\n\s+at |stack/i);
  if (process.env.TABLE_NAME) expect(response.body).not.toContain(process.env.TABLE_NAME);
  return problem;
}
