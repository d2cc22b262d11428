/**
 * The one capacity model every stage's limits come from (docs/capacity.md explains each figure). A
 * stage names what it must take — orders per second, sustained, and bursts above that — and the model
 * derives the limits this stack sets (API Gateway stage and method throttles, WAF rate limits, stream
 * parallelization, DynamoDB warm throughput) and checks what the stage needs against AWS's default
 * quotas, so that the first limit to bind is known before traffic finds it.
 *
 * Plain data and arithmetic: the stage files and the tests read it; nothing here touches CDK.
 */

export interface CapacityTarget {
  /** Orders per second the stage admits without a 429, for as long as they come. */
  ordersPerSecond: number;
  /** Bursts run at this multiple of ordersPerSecond… */
  burstMultiplier: number;
  /** …for up to this many seconds, starting from rested token buckets. */
  burstSeconds: number;
}

/** The seed's peak is 100 orders/s sustained with 2× bursts; the test stages take a developer's traffic. */
export const CAPACITY_TARGETS = {
  prod: { ordersPerSecond: 100, burstMultiplier: 2, burstSeconds: 5 },
  // A developer's traffic; the e2e suite's flood of 40 orders at once must still meet a 429.
  dev: { ordersPerSecond: 8, burstMultiplier: 2, burstSeconds: 2 },
  localstack: { ordersPerSecond: 8, burstMultiplier: 2, burstSeconds: 2 },
  // The embedded runtime on a laptop (docs/performance.md measures ~20 orders/s there).
  local: { ordersPerSecond: 8, burstMultiplier: 2, burstSeconds: 2 },
} as const satisfies Record<string, CapacityTarget>;

/** Limits are set this much above the need, so that a sustained peak never runs at the edge of a bucket. */
export const HEADROOM = 1.25;

/** The route with its own, tighter budget: placing an order starts a saga and writes several items. */
export const PLACE_ORDER_ROUTE = 'POST /api/v1/orders';

/**
 * What one order asks of each service. "Measured" figures are `npm run bench`'s happy path
 * (docs/performance.md); the others are assumptions, to replace with production figures.
 */
export const ORDER_DEMAND = {
  /** Assumed: API requests per order placed, all routes (browsing, reading the order while it settles). */
  apiRequestsPerOrder: 10,
  /** Assumed: Lambda seconds of one order's own path (saga steps ~0.1–0.2 s each, TakePayment ~1.5 s at the provider). */
  lambdaSecondsPerOrder: 2,
  /** Assumed: Lambda seconds of any other API request (a read). */
  lambdaSecondsPerOtherRequest: 0.1,
  /** Measured: the saga starts once per order. */
  startExecutionsPerOrder: 1,
  /** Measured: state transitions of the happy path, and of the worst path (provider unavailable, 3 retries). */
  stateTransitionsPerOrder: 3,
  stateTransitionsWorstPath: 6,
  /** Measured: write and read request units per order (DynamoDB Local's accounting, above AWS's for transactions). */
  writeUnitsPerOrder: 39,
  readUnitsPerOrder: 6,
  /** Measured: domain events per order (each one entry of a PutEvents call). */
  eventsPerOrder: 5,
  /** Stream records per order that pass each consumer's filter (order, payment, reservation and product writes). */
  streamRecordsPerOrder: { orderChangeFollower: 1, domainEventOutbox: 8 } as Record<string, number>,
  /** Worst case: every payment completes by the provider's webhook. */
  webhooksPerOrder: 1,
} as const;

/** One legitimate caller (one bearer token, one address): a shopper's app, a monitor, the payment provider. */
export const PER_CALLER = {
  /** A signed-in caller's requests per second, all routes: a shopper's app or an admin tool. */
  requestsPerSecondPerToken: 10,
  /** Health and the OpenAPI document, per source address (monitors, documentation viewers). */
  openRouteRequestsPerSecondPerAddress: 5,
};

/** WAF counts requests over this window (AWS WAF accepts 60, 120, 300 or 600 seconds). */
export const WAF_EVALUATION_WINDOW_SECONDS = 60;

/**
 * AWS's default quotas, per account and Region, as their pages state them (docs/capacity.md names each
 * page). `large` is us-east-1, us-west-2 and eu-west-1; `other` is the lowest default elsewhere.
 */
export const AWS_DEFAULT_QUOTAS = {
  /** "Amazon API Gateway quotas": throttle quota per account and Region (token bucket). */
  apiGatewayAccount: { large: { rate: 10_000, bucket: 5_000 }, other: { rate: 2_500, bucket: 1_250 } },
  /** "Lambda quotas": concurrent executions per Region. */
  lambdaConcurrentExecutions: { large: 1_000, other: 1_000 },
  /** "Step Functions service quotas": StartExecution (Standard), token bucket. */
  startExecution: { large: { rate: 300, bucket: 1_300 }, other: { rate: 150, bucket: 800 } },
  /** "Step Functions service quotas": StateTransition (Standard), token bucket. */
  stateTransition: { large: { rate: 1_500, bucket: 5_000 }, other: { rate: 500, bucket: 800 } },
  /** "DynamoDB on-demand capacity mode": what a new on-demand table serves at once (warm throughput raises it). */
  newTableWriteUnits: { large: 4_000, other: 4_000 },
  newTableReadUnits: { large: 12_000, other: 12_000 },
  /** "Amazon EventBridge quotas": PutEvents throttle limit in transactions per second (lowest Region: 400). */
  putEvents: { large: 10_000, other: 400 },
} as const;

export type RegionClass = 'large' | 'other';

/** "DynamoDB on-demand capacity mode": one partition serves at most 1,000 write units per second. */
const WRITE_UNITS_PER_PARTITION = 1_000;
/** "Using AWS Lambda with Amazon DynamoDB": Lambda polls each shard 4 times per second. */
const STREAM_POLLS_PER_SECOND = 4;
/** "Using AWS Lambda with Amazon DynamoDB": ParallelizationFactor is 1 to 10 batches per shard. */
const MAX_PARALLELIZATION_FACTOR = 10;
/** Batch sizes of the stream consumers (lib/wiring), for the records one concurrent batch moves per second. */
export const STREAM_BATCH_SIZES: Record<string, number> = { orderChangeFollower: 25, domainEventOutbox: 50 };

const ceil = Math.ceil;
const peak = (target: CapacityTarget): number => target.ordersPerSecond * target.burstMultiplier;

/** A token bucket refilled at `rate` that must admit `sustained` for ever and `burst` for `seconds`. */
function tokenBucket(sustained: number, burst: number, seconds: number): { rateLimit: number; burstLimit: number } {
  const rateLimit = ceil(sustained * HEADROOM);
  // The bucket holds at least one second of burst, and what a burst above the refill rate drains from
  // it in `seconds`, with the same headroom.
  const burstLimit = ceil(Math.max(burst, (burst - rateLimit) * seconds * HEADROOM));
  return { rateLimit, burstLimit };
}

export interface StageLimits {
  api: { throttle: { rateLimit: number; burstLimit: number }; methodThrottles: Record<string, { rateLimit: number; burstLimit: number }> };
  /** WAF rate-based rules: requests per WAF_EVALUATION_WINDOW_SECONDS. */
  firewall: { requestsPerToken: number; openRouteRequestsPerAddress: number; webhookRequestsPerAddress: number };
  /** Concurrent batches per shard of each table-stream consumer. */
  streamParallelization: Record<string, number>;
  /** DynamoDB warm throughput (write units/s), set where a burst needs more than a new table serves. */
  tableWarmWriteUnitsPerSecond?: number;
}

/** Table write units per second a burst needs, with headroom, rounded up to whole partitions. */
function burstWriteUnits(target: CapacityTarget): number {
  const need = peak(target) * ORDER_DEMAND.writeUnitsPerOrder * HEADROOM;
  return ceil(need / WRITE_UNITS_PER_PARTITION) * WRITE_UNITS_PER_PARTITION;
}

/**
 * Stream shards the model counts on: one per partition, and a new on-demand table has at least
 * 4,000 ÷ 1,000 of them. Warm throughput adds partitions, but the model does not count on more shards.
 */
const MINIMUM_STREAM_SHARDS = AWS_DEFAULT_QUOTAS.newTableWriteUnits.large / WRITE_UNITS_PER_PARTITION;

/** Records per second one concurrent batch of a consumer moves: a full batch every poll. */
export const recordsPerSecondPerBatch = (consumerId: string): number => STREAM_BATCH_SIZES[consumerId]! * STREAM_POLLS_PER_SECOND;

/** The limits of a stage that must take `target`. */
export function stageLimits(target: CapacityTarget): StageLimits {
  const ordersAtBurst = peak(target);
  const requests = target.ordersPerSecond * ORDER_DEMAND.apiRequestsPerOrder;
  const window = WAF_EVALUATION_WINDOW_SECONDS;
  const streamParallelization: Record<string, number> = {};
  for (const [consumerId, recordsPerOrder] of Object.entries(ORDER_DEMAND.streamRecordsPerOrder)) {
    const perShard = (ordersAtBurst * recordsPerOrder * HEADROOM) / MINIMUM_STREAM_SHARDS;
    streamParallelization[consumerId] = Math.min(MAX_PARALLELIZATION_FACTOR, Math.max(1, ceil(perShard / recordsPerSecondPerBatch(consumerId))));
  }
  const warm = burstWriteUnits(target);
  return {
    api: {
      throttle: tokenBucket(requests, requests * target.burstMultiplier, target.burstSeconds),
      methodThrottles: { [PLACE_ORDER_ROUTE]: tokenBucket(target.ordersPerSecond, ordersAtBurst, target.burstSeconds) },
    },
    firewall: {
      requestsPerToken: ceil(PER_CALLER.requestsPerSecondPerToken * window),
      openRouteRequestsPerAddress: ceil(PER_CALLER.openRouteRequestsPerSecondPerAddress * window),
      // The provider may send every webhook of a burst from one address.
      webhookRequestsPerAddress: ceil(ordersAtBurst * ORDER_DEMAND.webhooksPerOrder * HEADROOM * window),
    },
    streamParallelization,
    ...(warm > AWS_DEFAULT_QUOTAS.newTableWriteUnits.large ? { tableWarmWriteUnitsPerSecond: warm } : {}),
  };
}

export interface QuotaCheck {
  limit: string;
  unit: string;
  sustained: number;
  burst: number;
  /** What AWS (or this stack's setting) gives: a rate, and for token buckets the bucket size. */
  rate: number;
  bucket?: number;
  /** Whether the sustained rate fits, and whether a burst of `burstSeconds` fits. */
  fitsSustained: boolean;
  fitsBurst: boolean;
  /**
   * The larger of sustained ÷ rate and burst ÷ what the limit passes during a burst (its rate, plus a
   * token bucket's contents spread over the burst): the limit with the highest share binds first.
   */
  share: number;
}

function check(limit: string, unit: string, sustained: number, burst: number, rate: number, bucket: number | undefined, seconds: number): QuotaCheck {
  const duringBurst = rate + (bucket ?? 0) / seconds;
  const share = Math.max(sustained / rate, burst / duringBurst);
  return { limit, unit, sustained, burst, rate, bucket, fitsSustained: sustained <= rate, fitsBurst: burst <= duringBurst, share };
}

/**
 * The stage's needs at `target` against each limit on the order path in one class of Region, the one
 * that binds first at the top. DynamoDB counts the warm throughput the stage sets, if any.
 */
export function quotaChecks(target: CapacityTarget, region: RegionClass): QuotaCheck[] {
  const q = AWS_DEFAULT_QUOTAS;
  const limits = stageLimits(target);
  const s = target.ordersPerSecond;
  const b = peak(target);
  const seconds = target.burstSeconds;
  const requests = ORDER_DEMAND.apiRequestsPerOrder;
  const lambdaSeconds = ORDER_DEMAND.lambdaSecondsPerOrder + (requests - 1) * ORDER_DEMAND.lambdaSecondsPerOtherRequest;
  const writeUnits = Math.max(q.newTableWriteUnits[region], limits.tableWarmWriteUnitsPerSecond ?? 0);
  const method = limits.api.methodThrottles[PLACE_ORDER_ROUTE]!;
  const stage = limits.api.throttle;
  const outbox = limits.streamParallelization.domainEventOutbox! * recordsPerSecondPerBatch('domainEventOutbox') * MINIMUM_STREAM_SHARDS;
  const follower = limits.streamParallelization.orderChangeFollower! * recordsPerSecondPerBatch('orderChangeFollower') * MINIMUM_STREAM_SHARDS;
  const checks = [
    check('API Gateway method throttle (POST /orders)', 'requests/s', s, b, method.rateLimit, method.burstLimit, seconds),
    check('API Gateway stage throttle', 'requests/s', s * requests, b * requests, stage.rateLimit, stage.burstLimit, seconds),
    check(
      'API Gateway account throttle',
      'requests/s',
      s * requests,
      b * requests,
      q.apiGatewayAccount[region].rate,
      q.apiGatewayAccount[region].bucket,
      seconds,
    ),
    check('Lambda concurrent executions', 'executions', s * lambdaSeconds, b * lambdaSeconds, q.lambdaConcurrentExecutions[region], undefined, seconds),
    check(
      'Step Functions StartExecution',
      'calls/s',
      s * ORDER_DEMAND.startExecutionsPerOrder,
      b * ORDER_DEMAND.startExecutionsPerOrder,
      q.startExecution[region].rate,
      q.startExecution[region].bucket,
      seconds,
    ),
    check(
      'Step Functions state transitions (happy path)',
      'transitions/s',
      s * ORDER_DEMAND.stateTransitionsPerOrder,
      b * ORDER_DEMAND.stateTransitionsPerOrder,
      q.stateTransition[region].rate,
      q.stateTransition[region].bucket,
      seconds,
    ),
    check(
      'Step Functions state transitions (every order on the worst path)',
      'transitions/s',
      s * ORDER_DEMAND.stateTransitionsWorstPath,
      b * ORDER_DEMAND.stateTransitionsWorstPath,
      q.stateTransition[region].rate,
      q.stateTransition[region].bucket,
      seconds,
    ),
    check(
      'DynamoDB on-demand write units (table)',
      'WRU/s',
      s * ORDER_DEMAND.writeUnitsPerOrder,
      b * ORDER_DEMAND.writeUnitsPerOrder,
      writeUnits,
      undefined,
      seconds,
    ),
    check(
      'DynamoDB on-demand read units (table)',
      'RRU/s',
      s * ORDER_DEMAND.readUnitsPerOrder,
      b * ORDER_DEMAND.readUnitsPerOrder,
      q.newTableReadUnits[region],
      undefined,
      seconds,
    ),
    check(
      'Table stream → followOrderChanges',
      'records/s',
      s * ORDER_DEMAND.streamRecordsPerOrder.orderChangeFollower!,
      b * ORDER_DEMAND.streamRecordsPerOrder.orderChangeFollower!,
      follower,
      undefined,
      seconds,
    ),
    check(
      'Table stream → publishDomainEvents',
      'records/s',
      s * ORDER_DEMAND.streamRecordsPerOrder.domainEventOutbox!,
      b * ORDER_DEMAND.streamRecordsPerOrder.domainEventOutbox!,
      outbox,
      undefined,
      seconds,
    ),
    check(
      'EventBridge PutEvents (every entry counted)',
      'entries/s',
      s * ORDER_DEMAND.eventsPerOrder,
      b * ORDER_DEMAND.eventsPerOrder,
      q.putEvents[region],
      undefined,
      seconds,
    ),
  ];
  return checks.sort((x, y) => y.share - x.share);
}
