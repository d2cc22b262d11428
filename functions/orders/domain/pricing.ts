import type { CreateOrderBody } from './create-order-request';
import { MixedCurrenciesError, UnknownSkusError } from './order-errors';
import type { OrderLine } from './order';

/** What the catalog says a product costs now (minor units in `currency`). */
export interface CatalogPrice {
  sku: string;
  name: string;
  price: number;
  currency: string;
}

export interface PricedOrder {
  items: OrderLine[];
  totalAmount: number;
  currency: string;
}

/**
 * Prices the requested lines from the catalog (never from the client): every sku must exist, and all
 * must share one currency. Integer arithmetic in minor units throughout.
 */
export function priceOrder(lines: CreateOrderBody['items'], catalog: ReadonlyMap<string, CatalogPrice>): PricedOrder {
  const unknown = lines.flatMap((line, index) => (catalog.has(line.sku) ? [] : [{ index, sku: line.sku }]));
  if (unknown.length > 0) throw new UnknownSkusError(unknown);

  const items = lines.map((line): OrderLine => {
    const product = catalog.get(line.sku)!;
    return { sku: line.sku, name: product.name, quantity: line.quantity, unitPrice: product.price };
  });
  const currencies = [...new Set(lines.map((line) => catalog.get(line.sku)!.currency))];
  if (currencies.length > 1) throw new MixedCurrenciesError(currencies.sort());

  const totalAmount = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  // Bounded by the schemas (50 lines × 100 × catalog max price); a breach means a corrupt catalog.
  if (!Number.isSafeInteger(totalAmount)) throw new RangeError('order total exceeds the safe integer range');
  return { items, totalAmount, currency: currencies[0]! };
}
