/**
 * A stock reservation: the quantities one order holds (`RESERVATION#<orderId>`). It is written in the
 * same transaction as the stock decrements, so it exists exactly when the stock was taken, and it is
 * flipped to `released` in the same transaction as the increments, so stock is given back once.
 */

export interface ReservationLine {
  sku: string;
  quantity: number;
}

export type ReservationStatus = 'reserved' | 'released';

export interface StockReservation {
  orderId: string;
  items: ReservationLine[];
  status: ReservationStatus;
}

/** DynamoDB's limit on the items of one TransactWriteItems; a reservation uses one besides its products. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * The lines to reserve for an order: one per sku (quantities of a repeated sku added up, since a
 * transaction may touch an item only once), in sku order so that logs and items read the same every time.
 */
export function reservationLines(items: readonly { sku: string; quantity: number }[]): ReservationLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) {
    if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity of ${sku} must be a positive integer`);
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  if (bySku.size === 0) throw new RangeError('an order reserves at least one line');
  if (bySku.size + 1 > MAX_TRANSACTION_ITEMS) throw new RangeError(`an order of ${bySku.size} skus does not fit one transaction`);
  return [...bySku.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, quantity]) => ({ sku, quantity }));
}
