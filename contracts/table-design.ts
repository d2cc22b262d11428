import type { TableDesign } from './wiring';

/** The one DynamoDB table (single-table design); docs/data-model.md lists what lives in it. */
export const tableDesign: TableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Orders by status across customers (admin listings, the stranded-order reconciler).
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Sparse: orders waiting for the saga's repair jobs (a cancelled order not yet settled, a given-up saga parked for a person).
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
};

/**
 * The `entity` attribute of the items whose changes the table's stream consumers act on: their
 * Lambda event filters (in the wiring) and the adapters that write and read the items both use these.
 */
export const ITEM_ENTITY = { order: 'order', payment: 'payment', reservation: 'reservation', product: 'product' } as const;
