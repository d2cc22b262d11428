import type { ProviderWebhookEvent } from '#contracts/payment-provider/webhook-delivery';
import { readJsonFile, writeJsonAtomically } from '../atomic-json-file';
import type { IdempotencyKeysRecord } from './idempotency-keys';
import type { PaymentIntentsRecord } from './payment-intents';

/** The provider's state file: its book, the answers kept for idempotency keys, the webhooks it still owes. */
export interface ProviderStateRecord extends PaymentIntentsRecord {
  idempotencyKeys?: IdempotencyKeysRecord;
  /** Webhooks scheduled and maybe not yet delivered, with when each is due (epoch ms). */
  webhooks?: { event: ProviderWebhookEvent; dueMs: number }[];
}

/** The record kept in `file`, if there is one. */
export function readProviderState(file: string): ProviderStateRecord | undefined {
  const record = readJsonFile<ProviderStateRecord>(file, "the payment provider's state");
  if (record && (!Number.isInteger(record.sequence) || !Array.isArray(record.intents) || !Array.isArray(record.refunds))) {
    throw new Error(`${file} does not hold the payment provider's state (unexpected shape): delete it to start with no payments.`);
  }
  return record;
}

/** Written whole, with a rename: a runtime killed mid-write keeps the previous state. */
export function writeProviderState(file: string, record: ProviderStateRecord): void {
  writeJsonAtomically(file, record);
}
