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

  it("gives each method its own bucket at the stage's limit: a burst on one method never throttles another", () => {
    const now = 0;
    const throttle = new StageThrottle({ rateLimit: 1, burstLimit: 2 }, {}, () => now);
    expect([throttle.take('GET /api/v1/orders'), throttle.take('GET /api/v1/orders')].every((r) => r.allowed)).toBe(true);
    expect(throttle.take('GET /api/v1/orders').allowed).toBe(false);
    // Another method still has the whole of its own burst.
    expect([throttle.take('GET /api/v1/products'), throttle.take('GET /api/v1/products')].every((r) => r.allowed)).toBe(true);
    expect(throttle.take('POST /api/v1/orders').allowed).toBe(true);
  });

  it("shares only the account's bucket across methods", () => {
    const now = 0;
    const throttle = new StageThrottle({ rateLimit: 100, burstLimit: 100 }, {}, () => now, { rateLimit: 1, burstLimit: 2 });
    expect(throttle.take('GET /a').allowed).toBe(true);
    expect(throttle.take('GET /b').allowed).toBe(true);
    expect(throttle.take('GET /c')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
