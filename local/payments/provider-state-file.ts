import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PaymentIntentsRecord } from './payment-intents';

/** The record kept in `file`, if there is one. */
export function readProviderState(file: string): PaymentIntentsRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as PaymentIntentsRecord;
    if (!Number.isInteger(record.sequence) || !Array.isArray(record.intents) || !Array.isArray(record.refunds)) throw new Error('unexpected shape');
    return record;
  } catch (error) {
    throw new Error(`${file} does not hold the payment provider's state (${(error as Error).message}): delete it to start with no payments.`);
  }
}

export function writeProviderState(file: string, record: PaymentIntentsRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record));
}
