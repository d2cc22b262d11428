/**
 * Numbers as EventBridge compares them. EventBridge (through its matching engine, aws/event-ruler) only
 * compares numbers between -5.0e9 and +5.0e9, to six digits after the decimal point: it maps each one to
 * `trunc(1e6 * (5e9 + n))` and compares those keys. We compute the same key with the same IEEE doubles,
 * so `0.0000001 > 0` is false here exactly as it is in AWS.
 */

export const NUMERIC_LIMIT = 5e9;

export const isComparableNumber = (n: number): boolean => Number.isFinite(n) && n >= -NUMERIC_LIMIT && n <= NUMERIC_LIMIT;

/** The comparison key of a number inside the limits (callers check `isComparableNumber` first). */
export const comparableKey = (n: number): number => Math.trunc(1e6 * (NUMERIC_LIMIT + n));

/**
 * Exact equality of a pattern number and an event number: by comparable key when both are inside the
 * limits (so 300 equals 3.0e2), else by value (an AWS account number written as a number, say).
 */
export const numbersEqual = (a: number, b: number): boolean =>
  isComparableNumber(a) && isComparableNumber(b) ? comparableKey(a) === comparableKey(b) : a === b;
