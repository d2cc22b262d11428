import type { OrderStatus } from './order-status';

/**
 * Business rule violations of the orders domain. Plain errors (the domain knows nothing of HTTP);
 * functions/orders/http/order-problems.ts says which status each one answers.
 */
export abstract class OrderRuleViolation extends Error {}

/** Some skus of the order are not in the catalog. */
export class UnknownSkusError extends OrderRuleViolation {
  constructor(readonly unknown: { index: number; sku: string }[]) {
    super(`Unknown sku${unknown.length > 1 ? 's' : ''}: ${unknown.map((item) => item.sku).join(', ')}.`);
    this.name = 'UnknownSkusError';
  }
}

/** One order is paid in one currency: its items must share it. */
export class MixedCurrenciesError extends OrderRuleViolation {
  constructor(readonly currencies: string[]) {
    super(`The items are priced in different currencies (${currencies.join(', ')}); place one order per currency.`);
    this.name = 'MixedCurrenciesError';
  }
}

/** The order lifecycle does not allow this move from the order's current status. */
export class InvalidTransitionError extends OrderRuleViolation {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order that is ${from} cannot become ${to}.`);
    this.name = 'InvalidTransitionError';
  }
}
