import { checkGoals, GOALS, storageBoundOrdersPerSecond } from '#bench/goals';

const inputs = {
  happyPath: { usdPerMillionOrders: 90, statesEntered: 2 },
  functions: [
    { functionId: 'a', bundleRatio: 1.1, initRatio: 1.2 },
    { functionId: 'b', bundleRatio: 1.0, initRatio: 1.05 },
  ],
  throughput: { acceptedPerSecond: 40, storageBoundOrdersPerSecond: 50, dynamoDbCallsPerAcceptedOrder: 12 },
};

describe('goals (bench/goals.ts)', () => {
  it('divides the raw put rate by the calls one order makes', () => {
    expect(storageBoundOrdersPerSecond(600, 12)).toBe(50);
  });

  it('meets every goal at or inside its limit', () => {
    expect(checkGoals(inputs).map((goal) => goal.met)).toEqual([true, true, true, true]);
  });

  it('misses the cost goal above $100 or with other than 2 states', () => {
    expect(checkGoals({ ...inputs, happyPath: { usdPerMillionOrders: 100.01, statesEntered: 2 } })[0]!.met).toBe(false);
    expect(checkGoals({ ...inputs, happyPath: { usdPerMillionOrders: 80, statesEntered: 3 } })[0]!.met).toBe(false);
  });

  it('holds the Express happy path to $30 when it was measured', () => {
    const express = (usdPerMillionOrders: number) => checkGoals({ ...inputs, expressHappyPath: { usdPerMillionOrders } })[1]!;
    expect(express(30)).toMatchObject({ met: true, goal: expect.stringContaining('Express') });
    expect(express(30.01)).toMatchObject({ met: false, figure: '$30.01' });
    expect(checkGoals(inputs)).toHaveLength(4);
  });

  it('names the worst function when one is over its floor', () => {
    const [, bundle, init] = checkGoals({ ...inputs, functions: [...inputs.functions, { functionId: 'heavy', bundleRatio: 3, initRatio: 1.21 }] });
    expect(bundle).toMatchObject({ met: false, figure: expect.stringContaining('heavy 3.00×') });
    expect(init).toMatchObject({ met: false, figure: expect.stringContaining('2/3 within') });
  });

  it(`misses the throughput goal under ${GOALS.storageBoundShare * 100}% of the bound`, () => {
    const [, , , throughput] = checkGoals({ ...inputs, throughput: { ...inputs.throughput, acceptedPerSecond: 39.9 } });
    expect(throughput).toMatchObject({ met: false, figure: expect.stringContaining('80%') });
  });
});
