import { routePath } from '#lib/wiring';
/**
 * The few HTTP calls the benchmark makes through the front door, as any client of the API would.
 */

export interface Order {
  id: string;
  status: string;
  cancellationReason?: string;
}

export interface PlacedOrder {
  status: number;
  order?: Order;
}

const shippingAddress = { name: 'Bench', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

export class OrderClient {
  constructor(private readonly baseUrl: string) {}

  /**
   * putProduct as an admin: creates the product with this stock (`If-None-Match: *`), or,
   * when it exists, replaces the version just read (`If-Match` with its ETag), as any client must.
   */
  async putProduct(adminToken: string, sku: string, stock: number): Promise<void> {
    const url = `${this.baseUrl}${routePath('putProduct', { sku })}`;
    const put = async (precondition: Record<string, string>) => {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...precondition },
        body: JSON.stringify({ name: `Bench product ${sku}`, price: 1000, currency: 'EUR', stock }),
      });
      await response.arrayBuffer();
      return response.status;
    };
    let status = await put({ 'if-none-match': '*' });
    if (status === 412) {
      const current = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
      await current.arrayBuffer();
      status = await put({ 'if-match': current.headers.get('etag') ?? '' });
    }
    if (status !== 200 && status !== 201) throw new Error(`PUT product ${sku}: ${status}`);
  }

  /** createOrder: one line of `sku`, paid with the simulator's card `paymentToken`. */
  async placeOrder(token: string, idempotencyKey: string, sku: string, paymentToken: string): Promise<PlacedOrder> {
    const response = await fetch(`${this.baseUrl}${routePath('createOrder')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ items: [{ sku, quantity: 1 }], shippingAddress, payment: { method: 'card', token: paymentToken } }),
    });
    const body = (await response.json()) as Order;
    return response.status === 201 ? { status: response.status, order: body } : { status: response.status };
  }

  /** cancelOrder: 202 when the cancel was accepted. */
  async cancelOrder(token: string, orderId: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}${routePath('cancelOrder', { id: orderId })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  }

  async getOrder(token: string, orderId: string): Promise<Order> {
    const response = await fetch(`${this.baseUrl}${routePath('getOrder', { id: orderId })}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET order ${orderId}: ${response.status}`);
    return (await response.json()) as Order;
  }
}
