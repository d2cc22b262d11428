import { monotonicFactory } from 'ulid';
import { patternedString } from '#contracts/api/patterned-string';

/**
 * Ids are opaque to clients; the API issues ULIDs (time-ordered, so the newest-first listings and the
 * ids agree). The path parameter accepts any sane opaque id: one we never issued is simply not found.
 */
export const orderIdSchema = patternedString(/^[A-Za-z0-9_-]{1,64}$/, 64, 'an order id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -');

/** The id of an order's payment, as the order shows it (the payments context issues it the same way). */
export const orderPaymentIdSchema = patternedString(/^[A-Za-z0-9_-]{1,64}$/, 64, 'a payment id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -');

/** Monotonic: ids minted in the same millisecond by one sandbox still sort in creation order. */
const ulid = monotonicFactory();

export const newOrderId = (): string => ulid();
export const newPaymentId = (): string => ulid();
