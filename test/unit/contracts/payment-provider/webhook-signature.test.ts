import fc from 'fast-check';
import { signWebhookPayload, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from '#contracts/payment-provider/webhook-signature';

const secret = 'whsec_test';
const body = '{"id":"evt_1","type":"payment.authorized","data":{"paymentId":"p1"}}';
const now = new Date('2026-03-01T12:00:00Z');
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

describe('webhook signature', () => {
  it('signs as t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    // Computed apart from the code: printf '%s' "1772366400.$body" | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhookPayload(body, secret, now)).toBe('t=1772366400,v1=bd04e5b6062545510a0c7c6ed6ef8b80d5bbcd5e1705238a0cd3a4c42b9191e9');
  });

  it('verifies its own signature, and tells when it was signed', () => {
    const verdict = verifyWebhookSignature(signWebhookPayload(body, secret, now), body, secret, now);
    expect(verdict).toEqual({ valid: true, signedAt: now });
  });

  it.each([
    ['within the tolerance, in the past', -WEBHOOK_TOLERANCE_SECONDS, true],
    ['within the tolerance, in the future', WEBHOOK_TOLERANCE_SECONDS, true],
  ])('accepts a timestamp %s', (_what, skew, valid) => {
    expect(verifyWebhookSignature(signWebhookPayload(body, secret, seconds(skew)), body, secret, now).valid).toBe(valid);
  });

  it('refuses a timestamp older than 5 minutes, or more than 5 minutes ahead', () => {
    expect(verifyWebhookSignature(signWebhookPayload(body, secret, seconds(-WEBHOOK_TOLERANCE_SECONDS - 1)), body, secret, now)).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature(signWebhookPayload(body, secret, seconds(WEBHOOK_TOLERANCE_SECONDS + 1)), body, secret, now)).toEqual({
      valid: false,
      reason: 'from-the-future',
    });
  });

  it('refuses a tampered body, timestamp, signature or secret', () => {
    const header = signWebhookPayload(body, secret, now);
    expect(verifyWebhookSignature(header, body.replace('p1', 'p2'), secret, now)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(header, `${body} `, secret, now)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(header.replace('t=1772366400', 't=1772366401'), body, secret, now)).toEqual({ valid: false, reason: 'mismatch' });
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifyWebhookSignature(flipped, body, secret, now)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(header, body, 'another-secret', now)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('accepts any one matching v1 among several (secret rotation) and ignores other schemes', () => {
    const ours = signWebhookPayload(body, secret, now);
    const theirs = signWebhookPayload(body, 'old-secret', now).split(',')[1];
    expect(verifyWebhookSignature(`${ours.split(',')[0]},${theirs},v0=abc,${ours.split(',')[1]}`, body, secret, now).valid).toBe(true);
    expect(verifyWebhookSignature(`${ours.split(',')[0]},${theirs}`, body, secret, now)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['v1=abc', 'malformed'],
    ['t=1772366400', 'malformed'],
    [`t=abc,v1=${'0'.repeat(64)}`, 'malformed'],
    ['t=1772366400,v1=short', 'malformed'],
    [`t=1,t=2,v1=${'0'.repeat(64)}`, 'malformed'],
    ['garbage', 'malformed'],
    [`t=1772366400,${`v1=${'0'.repeat(64)},`}`.repeat(20), 'malformed'],
  ])('refuses %j as %s', (header, reason) => {
    expect(verifyWebhookSignature(header, body, secret, now)).toEqual({ valid: false, reason });
  });

  it('accepts no header that was not made with the secret (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string(), (header, payload) => {
        expect(verifyWebhookSignature(header, payload, secret, now).valid).toBe(false);
      }),
    );
  });

  it('verifies every body it signed, byte for byte (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.string({ minLength: 1 }), (bytes, key) => {
        const payload = Buffer.from(bytes);
        expect(verifyWebhookSignature(signWebhookPayload(payload, key, now), payload, key, now).valid).toBe(true);
      }),
    );
  });
});
