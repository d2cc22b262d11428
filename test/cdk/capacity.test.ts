import {
  CAPACITY_TARGETS,
  HEADROOM,
  loadStageConfig,
  ORDER_DEMAND,
  PLACE_ORDER_ROUTE,
  quotaChecks,
  STAGE_NAMES,
  STREAM_BATCH_SIZES,
  stageLimits,
  type CapacityTarget,
} from '#lib/config';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { appWiring } from '#lib/wiring';
import { testDeployInputs } from './support/test-stack';

/**
 * The capacity model (lib/config/capacity-model.ts) and docs/capacity.md: every stage's limits come
 * from it, and its arithmetic holds — checked here by simulating the token buckets it sets, not by
 * repeating its formulas.
 */

/** API Gateway's token bucket: full at start, refilled at `rateLimit` per second, one token a request (in steps of 10 ms). */
function admitted(limits: { rateLimit: number; burstLimit: number }, arrivalsPerSecond: number[], stepsPerSecond = 100): number {
  let tokens = limits.burstLimit;
  let admittedCount = 0;
  for (const rate of arrivalsPerSecond) {
    for (let step = 0; step < stepsPerSecond; step++) {
      const taken = Math.min(tokens, rate / stepsPerSecond);
      tokens -= taken;
      admittedCount += taken;
      tokens = Math.min(limits.burstLimit, tokens + limits.rateLimit / stepsPerSecond);
    }
  }
  return admittedCount;
}

const seconds = (count: number, rate: number) => Array.from({ length: count }, () => rate);

describe('capacity model', () => {
  test("prod's target is the seed's peak: 100 orders/s sustained, bursts of 2×", () => {
    expect(CAPACITY_TARGETS.prod.ordersPerSecond).toBeGreaterThanOrEqual(100);
    expect(CAPACITY_TARGETS.prod.burstMultiplier).toBeGreaterThanOrEqual(2);
  });

  test.each(STAGE_NAMES)('%s takes every limit the model derives, from its own target', (stage) => {
    const config = loadStageConfig(stage, testDeployInputs(stage));
    const limits = stageLimits(CAPACITY_TARGETS[stage]);
    expect(config.api.throttle).toEqual(limits.api.throttle);
    expect(config.api.methodThrottles).toEqual(limits.api.methodThrottles);
    expect(config.firewall).toEqual({ enabled: config.firewall.enabled, ...limits.firewall });
    expect(config.capacity).toEqual({ streamParallelization: limits.streamParallelization, tableWarmWriteUnitsPerSecond: limits.tableWarmWriteUnitsPerSecond });
  });

  test.each(Object.entries(CAPACITY_TARGETS))(
    '%s: POST /orders admits the target, sustained and in a burst, and refuses a flood',
    (_stage, target: CapacityTarget) => {
      const limits = stageLimits(target).api.methodThrottles[PLACE_ORDER_ROUTE]!;
      const burst = target.ordersPerSecond * target.burstMultiplier;
      // A minute at the sustained rate, then a burst from rested buckets: nothing refused.
      expect(admitted(limits, seconds(60, target.ordersPerSecond))).toBeCloseTo(60 * target.ordersPerSecond, 3);
      expect(admitted(limits, seconds(target.burstSeconds, burst))).toBeCloseTo(target.burstSeconds * burst, 3);
      // A sustained burst outlasts the bucket: the stage answers 429s rather than overload what is behind it.
      expect(admitted(limits, seconds(60, burst))).toBeLessThan(60 * burst);
      // Headroom: a sustained peak uses no more than 1 / HEADROOM of the refill rate.
      expect(target.ordersPerSecond / limits.rateLimit).toBeLessThanOrEqual(1 / HEADROOM + 1e-9);
    },
  );

  test.each(Object.entries(CAPACITY_TARGETS))(
    "%s: the stage-wide throttle admits every route's share of the target, above the order route's own",
    (_stage, target: CapacityTarget) => {
      const { throttle, methodThrottles } = stageLimits(target).api;
      const requests = target.ordersPerSecond * ORDER_DEMAND.apiRequestsPerOrder;
      expect(admitted(throttle, seconds(60, requests))).toBeCloseTo(60 * requests, 3);
      expect(admitted(throttle, seconds(target.burstSeconds, requests * target.burstMultiplier))).toBeCloseTo(
        target.burstSeconds * requests * target.burstMultiplier,
        3,
      );
      expect(throttle.rateLimit).toBeGreaterThan(methodThrottles[PLACE_ORDER_ROUTE]!.rateLimit);
      expect(throttle.burstLimit).toBeGreaterThan(methodThrottles[PLACE_ORDER_ROUTE]!.burstLimit);
    },
  );

  test("prod, in us-east-1, us-west-2 or eu-west-1: every limit on the order path takes the target, sustained and in bursts; the first AWS quota to bind is the table's write throughput", () => {
    const checks = quotaChecks(CAPACITY_TARGETS.prod, 'large');
    expect(checks.filter((check) => !check.fitsSustained || !check.fitsBurst).map((check) => check.limit)).toEqual([]);
    // The stage's own throttles are sized to the target with headroom: they bind first, by design.
    expect(
      checks
        .slice(0, 2)
        .map((check) => check.limit)
        .sort(),
    ).toEqual(['API Gateway method throttle (POST /orders)', 'API Gateway stage throttle']);
    expect(checks[2]!.limit).toBe('DynamoDB on-demand write units (table)');
    expect(checks[2]!.share).toBeCloseTo(0.78, 2);
  });

  test('prod without warm throughput would fail a 2× burst on a new table (4,000 write units a second)', () => {
    const perOrder = ORDER_DEMAND.writeUnitsPerOrder;
    expect(CAPACITY_TARGETS.prod.ordersPerSecond * CAPACITY_TARGETS.prod.burstMultiplier * perOrder).toBeGreaterThan(4_000);
    expect(stageLimits(CAPACITY_TARGETS.prod).tableWarmWriteUnitsPerSecond).toBeGreaterThanOrEqual(
      CAPACITY_TARGETS.prod.ordersPerSecond * CAPACITY_TARGETS.prod.burstMultiplier * perOrder,
    );
    expect(stageLimits(CAPACITY_TARGETS.dev).tableWarmWriteUnitsPerSecond).toBeUndefined();
  });

  test("prod in the other Regions, at their lowest defaults: EventBridge PutEvents and the worst path's state transitions need quota increases (docs/capacity.md)", () => {
    const failing = quotaChecks(CAPACITY_TARGETS.prod, 'other').filter((check) => !check.fitsSustained || !check.fitsBurst);
    expect(failing.map((check) => check.limit)).toEqual([
      'EventBridge PutEvents (every entry counted)',
      'Step Functions state transitions (every order on the worst path)',
    ]);
  });

  test("the model knows every table-stream consumer of the wiring, with the wiring's batch size", () => {
    for (const consumer of appWiring.streamConsumers) {
      expect({ consumer: consumer.id, batchSize: STREAM_BATCH_SIZES[consumer.id] }).toEqual({ consumer: consumer.id, batchSize: consumer.batchSize });
      expect(ORDER_DEMAND.streamRecordsPerOrder[consumer.id]).toBeGreaterThan(0);
    }
  });

  test('docs/capacity.md quotes the numbers the model gives prod today', () => {
    const docs = readFileSync(path.resolve(__dirname, '../../docs/capacity.md'), 'utf8');
    const prod = stageLimits(CAPACITY_TARGETS.prod);
    const n = (value: number) => value.toLocaleString('en-US');
    const method = prod.api.methodThrottles[PLACE_ORDER_ROUTE]!;
    expect(docs).toContain(`${n(method.rateLimit)} req/s, burst ${n(method.burstLimit)}`);
    expect(docs).toContain(`${n(prod.api.throttle.rateLimit)} req/s, burst ${n(prod.api.throttle.burstLimit)}`);
    expect(docs).toContain(`${n(prod.tableWarmWriteUnitsPerSecond!)} write units/s`);
    expect(docs).toContain(`\`publishDomainEvents\` ${prod.streamParallelization.domainEventOutbox}`);
    expect(docs).toContain(`${n(prod.firewall.webhookRequestsPerAddress)} a minute`);
  });

  test("WAF limits: one caller gets a share of the order route, never all of it; the provider's webhooks pass at the burst", () => {
    const prod = stageLimits(CAPACITY_TARGETS.prod);
    const perTokenPerSecond = prod.firewall.requestsPerToken / 60;
    expect(perTokenPerSecond).toBeLessThan(prod.api.methodThrottles[PLACE_ORDER_ROUTE]!.rateLimit / 10);
    expect(prod.firewall.webhookRequestsPerAddress / 60).toBeGreaterThanOrEqual(CAPACITY_TARGETS.prod.ordersPerSecond * CAPACITY_TARGETS.prod.burstMultiplier);
  });
});
