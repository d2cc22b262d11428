import { apiError, type ProviderAnswer } from './provider-answer';

interface KeptAnswer {
  /** The request the key was first used with: the same key with another request is refused. */
  fingerprint: string;
  /** Unset while that request is still being processed. */
  answer?: ProviderAnswer;
}

/** What to do with a request that carries a key. */
export type KeyClaim =
  /** First use: process it, then `keep` the answer (errors included, as Stripe does). */
  | { kind: 'new'; keep: (answer: ProviderAnswer) => void }
  /** Answer this without processing: the first answer again (`replayed`), or a refusal. */
  | { kind: 'answered'; answer: ProviderAnswer; replayed: boolean };

/**
 * Stripe's `Idempotency-Key` rules: the same key with the same request gets the first answer again
 * and has no second effect; the same key with another request is a 400 `idempotency_error`; a key
 * whose first request is still being processed is a 409.
 */
/** The keys whose first request was answered, as kept across a restart. */
export type IdempotencyKeysRecord = Record<string, { fingerprint: string; answer: ProviderAnswer }>;

export class IdempotencyKeys {
  private readonly kept = new Map<string, KeptAnswer>();

  /** Keys still being processed are left out: their request never got its answer. */
  record(): IdempotencyKeysRecord {
    return Object.fromEntries([...this.kept].flatMap(([key, kept]) => (kept.answer ? [[key, { fingerprint: kept.fingerprint, answer: kept.answer }]] : [])));
  }

  restore(record: IdempotencyKeysRecord): void {
    for (const [key, kept] of Object.entries(record)) this.kept.set(key, kept);
  }

  claim(key: string, fingerprint: string): KeyClaim {
    const kept = this.kept.get(key);
    if (!kept) {
      const reserved: KeptAnswer = { fingerprint };
      this.kept.set(key, reserved);
      return { kind: 'new', keep: (answer) => (reserved.answer = answer) };
    }
    if (kept.fingerprint !== fingerprint) {
      return {
        kind: 'answered',
        replayed: false,
        answer: apiError(
          400,
          'idempotency_error',
          undefined,
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        ),
      };
    }
    if (!kept.answer)
      return {
        kind: 'answered',
        replayed: false,
        answer: apiError(409, 'idempotency_error', 'idempotency_key_in_use', 'A request with this key is still being processed.'),
      };
    return { kind: 'answered', replayed: true, answer: kept.answer };
  }
}
