import { orderBody, type OrderBody } from './shop-client';

/**
 * The orders of a racing-buyers run: many customers, a few scarce products, mixed payment tokens.
 * Drawn from a seeded generator, so a failing run can be replayed with the same orders.
 */

export interface PlannedOrder {
  customer: string;
  idempotencyKey: string;
  body: OrderBody;
}

export interface TrafficPlan {
  seed: number;
  orders: number;
  customers: string[];
  skus: string[];
  /** Payment tokens, drawn uniformly. */
  tokens: string[];
  /** Each line's quantity is drawn from 1..maxQuantity. */
  maxQuantity: number;
  /** Prefix of every Idempotency-Key (keys are unique per run). */
  keyPrefix: string;
}

/** mulberry32: a small, fast, seedable generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Orders of one or two lines (distinct skus), round-robin over the customers. */
export function racingOrders(plan: TrafficPlan): PlannedOrder[] {
  const random = seededRandom(plan.seed);
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: plan.orders }, (_, index) => {
    const lines = random() < 0.3 ? 2 : 1;
    const skus = shuffled(plan.skus, random).slice(0, lines);
    const items = skus.map((sku) => ({ sku, quantity: 1 + Math.floor(random() * plan.maxQuantity) }));
    return {
      customer: plan.customers[index % plan.customers.length]!,
      idempotencyKey: `${plan.keyPrefix}-${index}`,
      body: orderBody(items, pick(plan.tokens)),
    };
  });
}

/** Fisher–Yates with the given generator. */
function shuffled<T>(values: T[], random: () => number): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
