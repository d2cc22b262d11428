import { startLocalTable, type LocalTable } from '#test/support/local-table';

export type OrdersTable = LocalTable;

/** The shared local table, with the function name the orders idempotency store expects. */
export const startOrdersTable = (purpose: string): Promise<OrdersTable> => startLocalTable(`orders-${purpose}`, { AWS_LAMBDA_FUNCTION_NAME: 'createOrder' });

export const CATALOG = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', price: 2490, currency: 'EUR' },
  { sku: 'SKU-2', name: 'Ceramic mug', price: 1290, currency: 'EUR' },
  { sku: 'USD-1', name: 'Imported kettle', price: 5000, currency: 'USD' },
];
