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
  /** Each function that constructs SDK clients: bundle size and init time within this factor of its bare floor. */
  floorRatio: 1.2,
  /** A function that constructs no SDK client (its floor is empty): its bundle at most this many KB. */
  clientlessBundleKB: 100,
  /** Local accepted orders/s at least this share of the storage bound. */
  storageBoundShare: 0.8,
  /** POST /orders p99 (ms) at the open loop's offered rate, measured from the moment `npm start` says ready. */
  openLoopP99Ms: 200,
  /** The open loop's offered load, orders/s. */
  openLoopOrdersPerSecond: 10,
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

/**
 * The Node CPU an order may cost for the storage-bound goal to be reachable at all on this machine: at
 * `share` of the bound, the machine's cores serve that many orders a second, and DynamoDB Local takes
 * its own CPU per order out of them first. Negative: DynamoDB Local alone would need more than the cores.
 */
export function nodeCpuBudgetMsPerOrder(settings: { cores: number; boundOrdersPerSecond: number; dynamoDbLocalCpuMsPerOrder: number; share?: number }): number {
  const ordersPerSecond = (settings.share ?? GOALS.storageBoundShare) * settings.boundOrdersPerSecond;
  return (settings.cores * 1000) / ordersPerSecond - settings.dynamoDbLocalCpuMsPerOrder;
}

/**
 * What the storage-bound goal leaves an order for everything but its DynamoDB calls. At `share` of the
 * bound the cores serve that many orders a second, and each call costs at least what a raw put cost both
 * sides (the SDK client and DynamoDB Local): the bound itself is the cores spent on those calls alone.
 * The front door, the Lambda invocations, the state machines and the bus must fit in the rest.
 */
export function cpuBeyondCallsAllowedMsPerOrder(settings: {
  cores: number;
  boundOrdersPerSecond: number;
  callsPerOrder: number;
  /** A raw put's CPU, client and DynamoDB Local together. */
  cpuMsPerCall: number;
  share?: number;
}): number {
  const ordersPerSecond = (settings.share ?? GOALS.storageBoundShare) * settings.boundOrdersPerSecond;
  return (settings.cores * 1000) / ordersPerSecond - settings.callsPerOrder * settings.cpuMsPerCall;
}

/** A path's DynamoDB write units per order, by the documented rule the cost is priced on and as DynamoDB Local reports them. */
export interface WriteUnitsFigure {
  documented: number;
  local: number;
}

/** One function's bundle beside its floor (bench/function-cold-start.ts). */
export interface FunctionFigures {
  functionId: string;
  /** `none` when the function constructs no SDK client. */
  floor: string;
  bundleKB: number;
  bundleRatio: number;
  initRatio: number;
}

/**
 * A function's cold-start goal: within 1.2× of its floor in size and in init; a function with no SDK
 * client has an empty floor, so its goal is an absolute size instead.
 */
export function meetsBundleGoal(fn: FunctionFigures): boolean {
  if (fn.floor === 'none') return fn.bundleKB <= GOALS.clientlessBundleKB;
  return fn.bundleRatio <= GOALS.floorRatio && fn.initRatio <= GOALS.floorRatio;
}

export interface GoalInputs {
  happyPath: { usdPerMillionOrders: number; statesEntered: number; writeUnits?: WriteUnitsFigure };
  /** The happy path with the order saga as an Express workflow (absent: not measured). */
  expressHappyPath?: { usdPerMillionOrders: number; writeUnits?: WriteUnitsFigure };
  functions: FunctionFigures[];
  throughput: { acceptedPerSecond: number; storageBoundOrdersPerSecond: number; dynamoDbCallsPerAcceptedOrder: number };
  /** POST /orders under the open loop from `npm start`'s ready line (absent: not measured). */
  openLoop?: { offeredPerSecond: number; p50Ms: number; p99Ms: number };
}

export function checkGoals({ happyPath, expressHappyPath, functions, throughput, openLoop }: GoalInputs): GoalCheck[] {
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
    ...functionGoals(functions),
    {
      goal: `local accepted orders/s ≥ ${GOALS.storageBoundShare * 100}% of the storage bound`,
      figure: `${throughput.acceptedPerSecond.toFixed(1)}/s of ${throughput.storageBoundOrdersPerSecond.toFixed(1)}/s = ${(share * 100).toFixed(0)}% (${throughput.dynamoDbCallsPerAcceptedOrder.toFixed(1)} DynamoDB calls per order)`,
      met: share >= GOALS.storageBoundShare,
    },
    ...(openLoop
      ? [
          {
            goal: `POST /orders p99 ≤ ${GOALS.openLoopP99Ms} ms at ${GOALS.openLoopOrdersPerSecond} orders/s offered (open loop), from \`npm start\`'s ready line`,
            figure: `p99 ${openLoop.p99Ms.toFixed(0)} ms, p50 ${openLoop.p50Ms.toFixed(0)} ms at ${openLoop.offeredPerSecond}/s`,
            met: openLoop.offeredPerSecond >= GOALS.openLoopOrdersPerSecond && openLoop.p99Ms <= GOALS.openLoopP99Ms,
          },
        ]
      : []),
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

/** The cold-start goals: each function with SDK clients against its floor, each without one against a size. */
export function functionGoals(functions: FunctionFigures[]): GoalCheck[] {
  const withinFloor = (ratio: number) => ratio <= GOALS.floorRatio;
  const withClients = functions.filter((fn) => fn.floor !== 'none');
  const clientless = functions.filter((fn) => fn.floor === 'none');
  const bundleMisses = withClients.filter((fn) => !withinFloor(fn.bundleRatio));
  const initMisses = withClients.filter((fn) => !withinFloor(fn.initRatio));
  const clientlessMisses = clientless.filter((fn) => !meetsBundleGoal(fn));
  return [
    {
      goal: `every function with SDK clients: bundle ≤ ${GOALS.floorRatio}× its bare floor`,
      figure: `${withClients.length - bundleMisses.length}/${withClients.length} within; worst ${worst(withClients, 'bundleRatio')}`,
      met: bundleMisses.length === 0,
    },
    {
      goal: `every function with SDK clients: init ≤ ${GOALS.floorRatio}× its bare floor`,
      figure: `${withClients.length - initMisses.length}/${withClients.length} within; worst ${worst(withClients, 'initRatio')}`,
      met: initMisses.length === 0,
    },
    {
      goal: `every function without an SDK client: bundle ≤ ${GOALS.clientlessBundleKB} KB`,
      figure: clientless.map((fn) => `${fn.functionId} ${fn.bundleKB.toFixed(0)} KB`).join(', ') || '-',
      met: clientlessMisses.length === 0,
    },
  ];
}
