/**
 * The performance and cost goals (docs/performance.md, "Goals"), and how the benchmark's figures stand against them. Reported, not asserted:
 * a missed goal is a figure to act on, not a failed run.
 */

export const GOALS = {
  /** Happy path with the order saga as a Standard workflow, all services, USD per million orders. */
  happyPathUsdPerMillionOrders: 100,
  /** Happy path with the order saga as an Express workflow, all services (its logs included), USD per million orders. */
  expressHappyPathUsdPerMillionOrders: 30,
  /** States the happy path enters (ReserveStock → TakePayment). */
  happyPathStatesEntered: 2,
  /** Each function's bundle size and init time within this factor of its bare floor. */
  floorRatio: 1.2,
  /** Local accepted orders/s at least this share of the storage bound. */
  storageBoundShare: 0.8,
} as const;

export interface GoalCheck {
  goal: string;
  figure: string;
  met: boolean;
}

/** Orders/s DynamoDB Local could take if it did nothing but this flow's calls. */
export function storageBoundOrdersPerSecond(conditionalPutsPerSecond: number, dynamoDbCallsPerOrder: number): number {
  return conditionalPutsPerSecond / dynamoDbCallsPerOrder;
}

/** A path's DynamoDB write units per order, by the documented rule the cost is priced on and as DynamoDB Local reports them. */
export interface WriteUnitsFigure {
  documented: number;
  local: number;
}

export interface GoalInputs {
  happyPath: { usdPerMillionOrders: number; statesEntered: number; writeUnits?: WriteUnitsFigure };
  /** The happy path with the order saga as an Express workflow (absent: not measured). */
  expressHappyPath?: { usdPerMillionOrders: number; writeUnits?: WriteUnitsFigure };
  functions: { functionId: string; bundleRatio: number; initRatio: number }[];
  throughput: { acceptedPerSecond: number; storageBoundOrdersPerSecond: number; dynamoDbCallsPerAcceptedOrder: number };
}

export function checkGoals({ happyPath, expressHappyPath, functions, throughput }: GoalInputs): GoalCheck[] {
  const withinFloor = (ratio: number) => ratio <= GOALS.floorRatio;
  const bundleMisses = functions.filter((fn) => !withinFloor(fn.bundleRatio));
  const initMisses = functions.filter((fn) => !withinFloor(fn.initRatio));
  const share = throughput.acceptedPerSecond / throughput.storageBoundOrdersPerSecond;
  return [
    {
      goal: `happy path ≤ $${GOALS.happyPathUsdPerMillionOrders} per 1M orders (Standard, ${GOALS.happyPathStatesEntered} states entered)`,
      figure: `$${happyPath.usdPerMillionOrders.toFixed(2)}, ${happyPath.statesEntered} states entered${writeUnitsNote(happyPath.writeUnits)}`,
      met: happyPath.usdPerMillionOrders <= GOALS.happyPathUsdPerMillionOrders && happyPath.statesEntered === GOALS.happyPathStatesEntered,
    },
    ...(expressHappyPath
      ? [
          {
            goal: `happy path ≤ $${GOALS.expressHappyPathUsdPerMillionOrders} per 1M orders (Express)`,
            figure: `$${expressHappyPath.usdPerMillionOrders.toFixed(2)}${writeUnitsNote(expressHappyPath.writeUnits)}`,
            met: expressHappyPath.usdPerMillionOrders <= GOALS.expressHappyPathUsdPerMillionOrders,
          },
        ]
      : []),
    {
      goal: `every function's bundle ≤ ${GOALS.floorRatio}× its bare floor`,
      figure: `${functions.length - bundleMisses.length}/${functions.length} within; worst ${worst(functions, 'bundleRatio')}`,
      met: bundleMisses.length === 0,
    },
    {
      goal: `every function's init ≤ ${GOALS.floorRatio}× its bare floor`,
      figure: `${functions.length - initMisses.length}/${functions.length} within; worst ${worst(functions, 'initRatio')}`,
      met: initMisses.length === 0,
    },
    {
      goal: `local accepted orders/s ≥ ${GOALS.storageBoundShare * 100}% of the storage bound`,
      figure: `${throughput.acceptedPerSecond.toFixed(1)}/s of ${throughput.storageBoundOrdersPerSecond.toFixed(1)}/s = ${(share * 100).toFixed(0)}% (${throughput.dynamoDbCallsPerAcceptedOrder.toFixed(1)} DynamoDB calls per order)`,
      met: share >= GOALS.storageBoundShare,
    },
  ];
}

function writeUnitsNote(units: WriteUnitsFigure | undefined): string {
  return units ? `, ${units.documented.toFixed(1)} WRU by AWS's documented rule (${units.local.toFixed(1)} by DynamoDB Local)` : '';
}

function worst(functions: GoalInputs['functions'], key: 'bundleRatio' | 'initRatio'): string {
  if (!functions.length) return '-';
  const top = functions.reduce((a, b) => (b[key] > a[key] ? b : a));
  return `${top.functionId} ${top[key].toFixed(2)}×`;
}
