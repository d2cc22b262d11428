import type { TableDesign } from './types';

/** The one DynamoDB table (single-table design); docs/data-model.md lists what lives in it. */
export const tableDesign: TableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Orders by status across customers (admin listings, the stranded-order reconciler).
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
};
