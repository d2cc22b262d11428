import type { ThrottleSpec } from '#contracts/wiring';

/**
 * A token bucket, the algorithm API Gateway documents for its rate and burst limits: `burstLimit`
 * tokens at most, refilled at `rateLimit` per second; a request takes one or is throttled.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limits: ThrottleSpec,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.burstLimit;
    this.refilledAt = now();
  }

  /** Takes a token; when none is left, says how many seconds until one is. */
  take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.rateLimit);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.limits.rateLimit)) };
  }
}

/** The stage's default limit for every method, and a stricter one per method where the stage sets it. */
export class StageThrottle {
  private readonly stageBucket: TokenBucket;
  private readonly methodBuckets = new Map<string, TokenBucket>();

  constructor(stageLimits: ThrottleSpec, methodLimits: Record<string, ThrottleSpec>, now: () => number = Date.now) {
    this.stageBucket = new TokenBucket(stageLimits, now);
    for (const [key, limits] of Object.entries(methodLimits)) this.methodBuckets.set(key, new TokenBucket(limits, now));
  }

  /** `methodKey` is `METHOD /resource/path`, as in the stage configuration. */
  take(methodKey: string) {
    // API Gateway applies a method's own setting instead of the stage default for that method.
    return (this.methodBuckets.get(methodKey) ?? this.stageBucket).take();
  }
}
