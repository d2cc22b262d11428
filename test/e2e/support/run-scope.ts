import { randomBytes } from 'node:crypto';

export interface RunScope {
  id: string;
  /** `e2e-<suite>-<run>-<part>`: valid as a sku, customer id, Idempotency-Key, correlation id and webhook event id. */
  name(part: string): string;
}

/**
 * Names unique to one run of one suite. A deployed stack keeps its data between runs (orders,
 * products, idempotency records for 24 h, webhook event ids for days), so fixed names would meet the
 * previous run's.
 */
export function runScope(suite: string): RunScope {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return { id, name: (part) => `e2e-${suite}-${id}-${part}` };
}
