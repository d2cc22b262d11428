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

/**
 * API Gateway's account-level throttle: one bucket for every API of the account in a Region. AWS docs,
 * "Throttle requests to your REST APIs for better throughput in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html):
 * 10,000 requests per second with a burst of 5,000 by default.
 */
export const ACCOUNT_THROTTLE: ThrottleSpec = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * A stage's throttling as API Gateway applies it (same page, "How throttling limit settings are
 * applied"): "Per-API, per-stage throttling limits are applied at the API method level for a stage".
 * The stage's limit (the `/*` `/*` method setting) is the default of each method, so every method has a
 * bucket of its own at that limit, unless the stage sets the method a limit of its own; the account's
 * bucket is the only one all methods share. A request takes a token from its method's bucket and
 * from the account's.
 */
export class StageThrottle {
  private readonly accountBucket: TokenBucket;
  private readonly methodBuckets = new Map<string, TokenBucket>();

  constructor(
    private readonly stageLimits: ThrottleSpec,
    private readonly methodLimits: Record<string, ThrottleSpec>,
    private readonly now: () => number = Date.now,
    accountLimits: ThrottleSpec = ACCOUNT_THROTTLE,
  ) {
    this.accountBucket = new TokenBucket(accountLimits, now);
  }

  /** `methodKey` is `METHOD /resource/path`, as in the stage configuration. */
  take(methodKey: string) {
    let bucket = this.methodBuckets.get(methodKey);
    if (!bucket) {
      bucket = new TokenBucket(this.methodLimits[methodKey] ?? this.stageLimits, this.now);
      this.methodBuckets.set(methodKey, bucket);
    }
    const method = bucket.take();
    if (!method.allowed) return method;
    return this.accountBucket.take();
  }
}
