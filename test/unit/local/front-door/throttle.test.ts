import { StageThrottle, TokenBucket } from '#local/front-door/throttle';

describe('token bucket throttling', () => {
  it('allows a burst, then throttles with a Retry-After, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()].every((r) => r.allowed)).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500; // half a second at 2/s gives one token back
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
  });

  it('applies a method limit instead of the stage limit for that method only', () => {
    const now = 0;
    const throttle = new StageThrottle({ rateLimit: 100, burstLimit: 100 }, { 'POST /api/v1/orders': { rateLimit: 1, burstLimit: 1 } }, () => now);
    expect(throttle.take('POST /api/v1/orders').allowed).toBe(true);
    expect(throttle.take('POST /api/v1/orders').allowed).toBe(false);
    expect(throttle.take('GET /api/v1/orders').allowed).toBe(true);
  });
});
