import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The part of a stream record the ledger needs (SDK or Lambda shape alike). */
export interface RemovalRecord {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, unknown>; SequenceNumber?: string };
}

/**
 * Remembers which deletions the TTL sweeper made, so the stream poller can mark their REMOVE records
 * as AWS marks TTL deletions (`userIdentity: {type: 'Service', principalId: 'dynamodb.amazonaws.com'}`);
 * a plain DeleteItem through DynamoDB Local cannot carry that. Each REMOVE is judged once, by sequence
 * number, so every stream consumer gets the same answer.
 */
export class TtlDeletionLedger {
  private readonly expected = new Map<string, number>();
  private readonly verdicts = new Map<string, boolean>();

  constructor(private readonly maxVerdicts = 10_000) {}

  /** Called just before the sweeper deletes an item; the returned function withdraws it (delete failed). */
  expect(keys: Record<string, AttributeValue>): () => void {
    const id = keyId(keys);
    this.expected.set(id, (this.expected.get(id) ?? 0) + 1);
    let withdrawn = false;
    return () => {
      if (withdrawn) return;
      withdrawn = true;
      this.consume(id);
    };
  }

  isTtlDeletion(record: RemovalRecord): boolean {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'REMOVE' || !record.dynamodb?.Keys || !sequenceNumber) return false;
    const known = this.verdicts.get(sequenceNumber);
    if (known !== undefined) return known;
    const verdict = this.consume(keyId(record.dynamodb.Keys));
    this.verdicts.set(sequenceNumber, verdict);
    // Forget the oldest verdicts: a Map iterates in insertion order.
    for (const oldest of this.verdicts.keys()) {
      if (this.verdicts.size <= this.maxVerdicts) break;
      this.verdicts.delete(oldest);
    }
    return verdict;
  }

  private consume(id: string): boolean {
    const count = this.expected.get(id) ?? 0;
    if (count === 0) return false;
    if (count === 1) this.expected.delete(id);
    else this.expected.set(id, count - 1);
    return true;
  }
}

/** Same key, same id, whatever the attribute order. */
function keyId(keys: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
}
