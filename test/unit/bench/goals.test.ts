import {
  checkGoals,
  cpuBeyondCallsAllowedMsPerOrder,
  GOALS,
  type GoalCheck,
  meetsBundleGoal,
  nodeCpuBudgetMsPerOrder,
  storageBoundOrdersPerSecond,
} from '#bench/goals';

const inputs = {
  happyPath: { usdPerMillionOrders: 90, statesEntered: 2 },
  functions: [
    { functionId: 'a', floor: 'DynamoDBClient', bundleKB: 400, bundleRatio: 1.1, initRatio: 1.2 },
    { functionId: 'b', floor: 'EventBridgeClient', bundleKB: 300, bundleRatio: 1.0, initRatio: 1.05 },
    { functionId: 'health', floor: 'none', bundleKB: 42, bundleRatio: 80, initRatio: 3 },
  ],
  throughput: { acceptedPerSecond: 40, storageBoundOrdersPerSecond: 50, dynamoDbCallsPerAcceptedOrder: 12 },
};

/** The goal whose text starts with `start`. */
const goal = (checks: GoalCheck[], start: string): GoalCheck => checks.find((check) => check.goal.startsWith(start))!;

describe('goals (bench/goals.ts)', () => {
  it('divides the raw put rate by the calls one order makes', () => {
    expect(storageBoundOrdersPerSecond(600, 12)).toBe(50);
  });

  it('meets every goal at or inside its limit', () => {
    expect(checkGoals(inputs).filter((check) => !check.met)).toEqual([]);
  });

  it('misses the cost goal above $100 or with other than 2 states', () => {
    expect(goal(checkGoals({ ...inputs, happyPath: { usdPerMillionOrders: 100.01, statesEntered: 2 } }), 'happy path ≤ $100').met).toBe(false);
    expect(goal(checkGoals({ ...inputs, happyPath: { usdPerMillionOrders: 80, statesEntered: 3 } }), 'happy path ≤ $100').met).toBe(false);
  });

  it("holds POST /orders to a 200 ms p99 at 10 orders/s offered from npm start's ready line, when it was measured", () => {
    const openLoop = (p99Ms: number, offeredPerSecond = 10) =>
      goal(checkGoals({ ...inputs, openLoop: { offeredPerSecond, p50Ms: 40, p99Ms } }), 'POST /orders p99');
    expect(openLoop(200)).toMatchObject({ met: true, figure: 'p99 200 ms, p50 40 ms at 10/s' });
    expect(openLoop(201).met).toBe(false);
    // A lighter load than the goal's proves nothing.
    expect(openLoop(50, 5).met).toBe(false);
    expect(goal(checkGoals(inputs), 'POST /orders p99')).toBeUndefined();
  });

  it('holds the Express happy path to $30 when it was measured', () => {
    const express = (usdPerMillionOrders: number) => goal(checkGoals({ ...inputs, expressHappyPath: { usdPerMillionOrders } }), 'happy path ≤ $30');
    expect(express(30)).toMatchObject({ met: true, goal: expect.stringContaining('Express') });
    expect(express(30.01)).toMatchObject({ met: false, figure: '$30.01' });
    expect(goal(checkGoals(inputs), 'happy path ≤ $30')).toBeUndefined();
  });

  it('names the worst function when one with SDK clients is over its floor', () => {
    const checks = checkGoals({
      ...inputs,
      functions: [...inputs.functions, { functionId: 'heavy', floor: 'SFNClient', bundleKB: 900, bundleRatio: 3, initRatio: 1.21 }],
    });
    expect(goal(checks, 'every function with SDK clients: bundle')).toMatchObject({ met: false, figure: expect.stringContaining('heavy 3.00×') });
    expect(goal(checks, 'every function with SDK clients: init')).toMatchObject({ met: false, figure: expect.stringContaining('2/3 within') });
  });

  it(`holds a function without an SDK client to ${GOALS.clientlessBundleKB} KB, not to its empty floor`, () => {
    expect(meetsBundleGoal({ functionId: 'health', floor: 'none', bundleKB: 100, bundleRatio: 200, initRatio: 9 })).toBe(true);
    expect(meetsBundleGoal({ functionId: 'health', floor: 'none', bundleKB: 100.1, bundleRatio: 200, initRatio: 1 })).toBe(false);
    const checks = checkGoals({
      ...inputs,
      functions: [...inputs.functions, { functionId: 'openApiDocument', floor: 'none', bundleKB: 117, bundleRatio: 215, initRatio: 5 }],
    });
    expect(goal(checks, 'every function without an SDK client')).toMatchObject({ met: false, figure: 'health 42 KB, openApiDocument 117 KB' });
  });

  it(`misses the throughput goal under ${GOALS.storageBoundShare * 100}% of the bound`, () => {
    const checks = checkGoals({ ...inputs, throughput: { ...inputs.throughput, acceptedPerSecond: 39.9 } });
    expect(goal(checks, 'local accepted orders/s')).toMatchObject({ met: false, figure: expect.stringContaining('80%') });
  });

  it("gives the Node CPU an order may cost: the cores' time at the goal's share of the bound, less DynamoDB Local's", () => {
    // 2 cores at 80% of 52.5 orders/s = 42 orders/s: 2,000 ms ÷ 42 ≈ 47.6 ms per order, 27 of them DynamoDB Local's.
    expect(nodeCpuBudgetMsPerOrder({ cores: 2, boundOrdersPerSecond: 52.5, dynamoDbLocalCpuMsPerOrder: 27 })).toBeCloseTo(20.6, 1);
    expect(nodeCpuBudgetMsPerOrder({ cores: 8, boundOrdersPerSecond: 52.5, dynamoDbLocalCpuMsPerOrder: 27 })).toBeCloseTo(163.5, 1);
    // DynamoDB Local alone would need more than the cores: no budget at all.
    expect(nodeCpuBudgetMsPerOrder({ cores: 1, boundOrdersPerSecond: 100, dynamoDbLocalCpuMsPerOrder: 20 })).toBeLessThan(0);
  });

  it("leaves an order, beyond its DynamoDB calls, only the goal's headroom over the CPU the raw puts spent on those calls", () => {
    // Raw puts at 1,700/s kept 1.7 of 2 cores busy at 1 ms a put (both sides); 17 calls an order make a bound of 100 orders/s.
    const allowed = cpuBeyondCallsAllowedMsPerOrder({ cores: 2, boundOrdersPerSecond: 100, callsPerOrder: 17, cpuMsPerCall: 1 });
    // At 80 orders/s each order may spend 25 ms; its 17 calls take 17 of them.
    expect(allowed).toBeCloseTo(8, 5);
    // The same flow on 8 cores has room for its invocations and its interpreter.
    expect(cpuBeyondCallsAllowedMsPerOrder({ cores: 8, boundOrdersPerSecond: 100, callsPerOrder: 17, cpuMsPerCall: 1 })).toBeCloseTo(83, 5);
    // Fewer calls an order raise the bound, and the headroom shrinks with them.
    expect(cpuBeyondCallsAllowedMsPerOrder({ cores: 2, boundOrdersPerSecond: 170, callsPerOrder: 10, cpuMsPerCall: 1 })).toBeCloseTo(4.7, 1);
  });
});
