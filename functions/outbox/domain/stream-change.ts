/** One committed change of one table item, with plain-JavaScript images. */
export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record's position in its shard: unique and stable across redeliveries. */
  sequenceNumber: string;
  /**
   * When DynamoDB committed the change (ApproximateCreationDateTime), ISO 8601 UTC. DynamoDB rounds it
   * down to the minute, so events prefer the item's own `updatedAt` and use this only without one.
   */
  committedAt?: string;
  oldImage?: Item;
  newImage?: Item;
}

export type Item = Record<string, unknown>;
