/**
 * What a token's `sub` must be to serve as a customer id: 1 to 128 visible ASCII characters (a
 * Cognito UUID, or any issuer's opaque id). It is stored on orders and answered back, so it is bounded.
 */
export const CUSTOMER_ID_PATTERN = /^[\x21-\x7E]{1,128}$/;
export const MAX_CUSTOMER_ID_LENGTH = 128;
