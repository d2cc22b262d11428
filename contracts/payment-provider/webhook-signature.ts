import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The payment provider's webhook signature, Stripe's scheme and header (Stripe docs, "Webhooks",
 * "Verify signatures manually", docs.stripe.com/webhooks#verify-manually):
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the endpoint's
 * secret. The timestamp is signed with the body, so a captured request cannot be replayed later
 * with a fresh time; several `v1` values may be given while a secret is being rotated, and other
 * schemes (`v0`, test-mode signatures) are ignored. Checked over the raw body, before the body is
 * parsed: an unauthenticated request learns nothing about what a valid body looks like.
 */

export const WEBHOOK_SIGNATURE_HEADER = 'stripe-signature';

/** How far the signed time may be from ours, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Longer headers are refused unread: a genuine one is ~80 characters (a few more `v1`s while a secret rotates). */
export const MAX_SIGNATURE_HEADER_LENGTH = 1024;

export type SignatureRejection = 'missing' | 'malformed' | 'expired' | 'from-the-future' | 'mismatch';

export type SignatureVerdict = { valid: true; signedAt: Date } | { valid: false; reason: SignatureRejection };

function expectedMac(secret: string, timestamp: string, payload: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest();
}

/** The header value for `payload` (the raw body, byte for byte) signed at `at`. */
export function signWebhookPayload(payload: Buffer | string, secret: string, at: Date): string {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return `t=${timestamp},v1=${expectedMac(secret, timestamp, payload).toString('hex')}`;
}

function parseHeader(header: string): { timestamp: string; signatures: Buffer[] } | undefined {
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = value;
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (v0, future versions) are ignored, as the provider's own libraries do.
  }
  return timestamp !== undefined && signatures.length > 0 ? { timestamp, signatures } : undefined;
}

/**
 * Checks a signature header against the raw body: well formed, signed within the tolerance of
 * `now`, and a `v1` equal to ours (compared in constant time, so timing tells nothing about it).
 */
export function verifyWebhookSignature(
  header: string | undefined,
  payload: Buffer | string,
  secret: string,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): SignatureVerdict {
  if (header === undefined || header === '') return { valid: false, reason: 'missing' };
  const parsed = header.length <= MAX_SIGNATURE_HEADER_LENGTH ? parseHeader(header) : undefined;
  if (!parsed) return { valid: false, reason: 'malformed' };
  const ageSeconds = Math.floor(now.getTime() / 1000) - Number(parsed.timestamp);
  if (ageSeconds > toleranceSeconds) return { valid: false, reason: 'expired' };
  if (ageSeconds < -toleranceSeconds) return { valid: false, reason: 'from-the-future' };
  const expected = expectedMac(secret, parsed.timestamp, payload);
  // Every candidate is compared (no early exit), for the same reason the comparison is constant-time.
  const matches = parsed.signatures.filter((given) => timingSafeEqual(given, expected)).length;
  return matches > 0 ? { valid: true, signedAt: new Date(Number(parsed.timestamp) * 1000) } : { valid: false, reason: 'mismatch' };
}
