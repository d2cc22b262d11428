// The payments context owns the record's shape; orders only creates its first version.
import type { PaymentRecord } from '#payments/domain/payment';
import { orderContact } from './contact';
import type { CreateOrderBody } from './create-order-request';
import type { Order } from './order';
import type { PricedOrder } from './pricing';

/**
 * The payment record an order is created with (payments context, `PAYMENT#<id>`): pending until the
 * saga authorizes it. The token is the provider's card token, never a card number.
 */
export type NewPayment = Omit<PaymentRecord, 'status' | 'version'> & { status: 'pending' };

export interface OrderPlacementInput {
  orderId: string;
  paymentId: string;
  customerId: string;
  request: CreateOrderBody;
  priced: PricedOrder;
  /** The contact claims of the caller's token: the order's contact when the request names none. */
  tokenContact: { email?: string; phone?: string };
  now: Date;
}

/** A new order, `pending`, and its pending payment: what one placement writes, together. */
export function placeOrder(input: OrderPlacementInput): { order: Order; payment: NewPayment } {
  const at = input.now.toISOString();
  const { priced, request } = input;
  const order: Order = {
    id: input.orderId,
    customerId: input.customerId,
    status: 'pending',
    items: priced.items,
    totalAmount: priced.totalAmount,
    currency: priced.currency,
    shippingAddress: request.shippingAddress,
    contact: orderContact(request.contact, input.tokenContact),
    payment: { id: input.paymentId, status: 'pending' },
    createdAt: at,
    updatedAt: at,
  };
  const payment: NewPayment = {
    id: input.paymentId,
    orderId: input.orderId,
    customerId: input.customerId,
    status: 'pending',
    amount: priced.totalAmount,
    currency: priced.currency,
    method: request.payment.method,
    token: request.payment.token,
    createdAt: at,
    updatedAt: at,
  };
  return { order, payment };
}
