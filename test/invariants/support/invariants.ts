/**
 * The shop's invariants, as plain functions over what a client and the local runtime's
 * observation endpoints show after a run: the orders (listed through the API), the payments, the
 * products' stock, and the events the bus carried. Each check answers the violations it found, one
 * readable sentence each, so a failing test says what went wrong for which order; an empty list is
 * a pass.
 */

export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';
export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'declined' | 'voided' | 'refunded';

export interface ObservedOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: { sku: string; quantity: number }[];
  payment: { id: string; status: PaymentStatus };
  cancellationReason?: string;
}

export interface ObservedPayment {
  id: string;
  orderId: string;
  status: PaymentStatus;
}

/** An event as GET /_local/events lists it (the fields the checks read). */
export interface ObservedEvent {
  'detail-type': string;
  detail: { id: string; data: Record<string, unknown> };
}

export interface Observation {
  /** Stock of each product the run's orders could take from, before the run. */
  initialStock: Record<string, number>;
  /** Stock of the same products after the run. */
  stock: Record<string, number>;
  /** Every order of the run's customers, as the API lists them. */
  orders: ObservedOrder[];
  /** By payment id: the payment of every order. */
  payments: Record<string, ObservedPayment | undefined>;
  /** Everything the bus carried (other runs' events included: the checks pick the run's orders' own). */
  events: ObservedEvent[];
  /** The run's customers: an `order.placed` of theirs for an order not listed is an order the API lost. */
  customerIds: string[];
}

const SETTLED: ReadonlySet<OrderStatus> = new Set(['confirmed', 'cancelled']);

/**
 * The payment status a cancelled order's payment ends in, by cancellation reason: an order
 * out of stock never reached the provider (voided here); a decline stays declined; a provider outage
 * voids whatever the provider may hold. Nothing a cancelled order paid is kept captured.
 */
const PAYMENT_OF_CANCELLED: Record<string, PaymentStatus> = {
  out_of_stock: 'voided',
  payment_declined: 'declined',
  payment_unavailable: 'voided',
};

/** The payment event each final payment status is announced with. */
const PAYMENT_EVENT: Record<PaymentStatus, string | undefined> = {
  pending: undefined,
  authorized: 'payment.authorized',
  captured: 'payment.captured',
  declined: 'payment.declined',
  voided: 'payment.voided',
  refunded: 'payment.refunded',
};

/** Every order ends `confirmed` or `cancelled`: none is left pending (or moved anywhere else). */
export function unsettledOrders(orders: ObservedOrder[]): string[] {
  return orders.filter((order) => !SETTLED.has(order.status)).map((order) => `order ${order.id} ended ${order.status}, not confirmed or cancelled`);
}

/**
 * Stock is conserved: for each product, the stock before the run is the stock now plus what the
 * confirmed orders hold (a cancelled order gave back whatever it had reserved), and never negative.
 */
export function stockViolations(observation: Pick<Observation, 'initialStock' | 'stock' | 'orders'>): string[] {
  const violations: string[] = [];
  for (const [sku, initial] of Object.entries(observation.initialStock)) {
    const now = observation.stock[sku];
    if (now === undefined) {
      violations.push(`product ${sku} is gone`);
      continue;
    }
    const held = observation.orders
      .filter((order) => order.status === 'confirmed')
      .flatMap((order) => order.items)
      .filter((item) => item.sku === sku)
      .reduce((sum, item) => sum + item.quantity, 0);
    if (now < 0) violations.push(`product ${sku} has negative stock ${now}`);
    if (initial !== now + held)
      violations.push(`product ${sku}: stock ${initial} before, ${now} now, ${held} held by confirmed orders (${initial - now - held} unaccounted for)`);
  }
  return violations;
}

/**
 * Money matches the outcome: a confirmed order's payment is captured; a cancelled order's is not —
 * it ends as its cancellation reason says (declined, or voided). Each order shows its payment's
 * status as the payment itself does.
 */
export function paymentViolations(observation: Pick<Observation, 'orders' | 'payments'>): string[] {
  const violations: string[] = [];
  for (const order of observation.orders) {
    const payment = observation.payments[order.payment.id];
    if (!payment) {
      violations.push(`order ${order.id}: its payment ${order.payment.id} does not exist`);
      continue;
    }
    if (payment.orderId !== order.id) violations.push(`payment ${payment.id} belongs to order ${payment.orderId}, but order ${order.id} names it`);
    if (order.payment.status !== payment.status)
      violations.push(`order ${order.id} shows its payment ${order.payment.status}, the payment is ${payment.status}`);
    if (order.status === 'confirmed' && payment.status !== 'captured')
      violations.push(`confirmed order ${order.id}: its payment is ${payment.status}, not captured`);
    if (order.status === 'cancelled') {
      const expected = PAYMENT_OF_CANCELLED[order.cancellationReason ?? ''];
      if (!expected) violations.push(`cancelled order ${order.id} has cancellation reason ${order.cancellationReason ?? '(none)'}, not one this run can cause`);
      else if (payment.status !== expected)
        violations.push(`order ${order.id} cancelled ${order.cancellationReason}: its payment is ${payment.status}, not ${expected}`);
    }
  }
  return violations;
}

/**
 * No event is lost or duplicated: event ids are unique; each order has exactly one `order.placed` and
 * one terminal event matching its final status (with its reason); its payment's final status and its
 * stock moves are each announced exactly once; no event type repeats for one order (the same change
 * published twice under different ids); no payment is captured twice; and every order the run's
 * customers placed on the bus is one the API lists.
 */
export function eventViolations(observation: Pick<Observation, 'orders' | 'payments' | 'events' | 'customerIds'>): string[] {
  const violations: string[] = [];
  const seenIds = new Set<string>();
  for (const event of observation.events) {
    if (seenIds.has(event.detail.id)) violations.push(`event id ${event.detail.id} (${event['detail-type']}) was carried more than once`);
    seenIds.add(event.detail.id);
  }

  const eventsByOrder = new Map<string, ObservedEvent[]>();
  for (const event of observation.events) {
    const orderId = event.detail.data.orderId;
    if (typeof orderId !== 'string') continue;
    eventsByOrder.set(orderId, [...(eventsByOrder.get(orderId) ?? []), event]);
  }

  const listed = new Set(observation.orders.map((order) => order.id));
  const customers = new Set(observation.customerIds);
  for (const event of observation.events) {
    const { orderId, customerId } = event.detail.data;
    if (event['detail-type'] === 'order.placed' && customers.has(customerId as string) && !listed.has(orderId as string)) {
      violations.push(`order ${String(orderId)} of customer ${String(customerId)} was placed on the bus but the API does not list it`);
    }
  }

  for (const order of observation.orders) {
    const events = eventsByOrder.get(order.id) ?? [];
    const count = (type: string) => events.filter((event) => event['detail-type'] === type).length;
    const expect = (type: string, times: number, why: string) => {
      if (count(type) !== times) violations.push(`order ${order.id} (${why}) has ${count(type)} ${type} event(s), expected ${times}`);
    };

    const types = events.map((event) => event['detail-type']);
    for (const type of new Set(types)) {
      if (count(type) > 1) violations.push(`order ${order.id} has ${count(type)} ${type} events under different ids`);
    }

    expect('order.placed', 1, 'every order');
    expect('order.confirmed', order.status === 'confirmed' ? 1 : 0, order.status);
    expect('order.cancelled', order.status === 'cancelled' ? 1 : 0, order.status);
    const cancelled = events.find((event) => event['detail-type'] === 'order.cancelled');
    if (cancelled && order.status === 'cancelled' && cancelled.detail.data.reason !== order.cancellationReason) {
      violations.push(`order ${order.id} is cancelled ${order.cancellationReason}, its order.cancelled event says ${String(cancelled.detail.data.reason)}`);
    }

    const reserved = order.status === 'confirmed' || (order.status === 'cancelled' && order.cancellationReason !== 'out_of_stock');
    expect('inventory.reserved', reserved ? 1 : 0, reserved ? 'it reserved stock' : 'it never reserved stock');
    expect('inventory.released', reserved && order.status === 'cancelled' ? 1 : 0, order.status === 'cancelled' ? 'cancelled' : 'it keeps its stock');

    const payment = observation.payments[order.payment.id];
    const finalPaymentEvent = payment ? PAYMENT_EVENT[payment.status] : undefined;
    if (finalPaymentEvent) expect(finalPaymentEvent, 1, `its payment is ${payment!.status}`);
    if (payment?.status !== 'captured') expect('payment.captured', 0, `its payment is ${payment?.status ?? 'missing'}`);
    if (order.status === 'confirmed') expect('payment.authorized', 1, 'confirmed');
  }

  const capturesByPayment = new Map<string, number>();
  for (const event of observation.events) {
    if (event['detail-type'] !== 'payment.captured') continue;
    const paymentId = String(event.detail.data.paymentId);
    capturesByPayment.set(paymentId, (capturesByPayment.get(paymentId) ?? 0) + 1);
  }
  for (const [paymentId, captures] of capturesByPayment) {
    if (captures > 1) violations.push(`payment ${paymentId} was captured ${captures} times`);
  }
  return violations;
}

/** Every invariant at once, grouped, so one assertion shows every violation of a run. */
export function invariantViolations(observation: Observation): Record<string, string[]> {
  return {
    settled: unsettledOrders(observation.orders),
    stock: stockViolations(observation),
    payments: paymentViolations(observation),
    events: eventViolations(observation),
  };
}

/** What invariantViolations answers when everything holds. */
export const NO_VIOLATIONS = { settled: [], stock: [], payments: [], events: [] };
