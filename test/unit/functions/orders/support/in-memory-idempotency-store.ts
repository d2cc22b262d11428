import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError, IdempotencyRecordStatus } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

/** A record as a table would hold it: plain data, copied in and out. */
interface StoredRecord {
  idempotencyKey: string;
  status: string;
  expiryTimestamp?: number;
  inProgressExpiryTimestamp?: number;
  responseData?: string;
  payloadHash?: string;
}

const stored = (record: IdempotencyRecord): StoredRecord => ({
  idempotencyKey: record.idempotencyKey,
  status: record.getStatus(),
  expiryTimestamp: record.expiryTimestamp,
  inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
  responseData: record.responseData === undefined ? undefined : JSON.stringify(record.responseData),
  payloadHash: record.payloadHash,
});

const restored = (record: StoredRecord): IdempotencyRecord =>
  new IdempotencyRecord({
    idempotencyKey: record.idempotencyKey,
    status: record.status as (typeof IdempotencyRecordStatus)[keyof typeof IdempotencyRecordStatus],
    expiryTimestamp: record.expiryTimestamp,
    inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
    responseData: record.responseData === undefined ? undefined : JSON.parse(record.responseData),
    payloadHash: record.payloadHash,
  });

/**
 * Powertools' persistence contract in memory, with the DynamoDB layer's conditional put: a record
 * may be (re)written only if absent, expired, or in progress past its in-progress expiry. Everything
 * above it (hashing, payload validation, in-progress detection) is Powertools' own code.
 */
export class InMemoryIdempotencyStore extends BasePersistenceLayer {
  readonly records = new Map<string, StoredRecord>();

  reset(): void {
    this.records.clear();
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    const now = Date.now();
    const replaceable =
      !existing ||
      (existing.expiryTimestamp !== undefined && existing.expiryTimestamp < now / 1000) ||
      (existing.status === IdempotencyRecordStatus.INPROGRESS && existing.inProgressExpiryTimestamp !== undefined && existing.inProgressExpiryTimestamp < now);
    if (!replaceable) throw new IdempotencyItemAlreadyExistsError(`record exists: ${record.idempotencyKey}`, restored(existing));
    this.records.set(record.idempotencyKey, stored(record));
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (!record) throw new IdempotencyItemNotFoundError();
    return restored(record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    const update = stored(record);
    this.records.set(record.idempotencyKey, {
      ...existing,
      ...update,
      inProgressExpiryTimestamp: update.inProgressExpiryTimestamp ?? existing?.inProgressExpiryTimestamp,
    });
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }
}
