/**
 * `npm run bench`'s printed report: one table per figure of docs/performance.md, from the results object that is
 * also written to bench/results.json.
 */
import { awsPrices, PRICE_REGION, PRICES_CHECKED } from './aws-prices';
import { floorLabel } from './bare-floor';
import type { ColdStartRow } from './function-cold-start';
import type { GoalCheck } from './goals';
import type { MonthlyBill } from './monthly-bill';
import type { RouteFigures } from './http-routes';
import type { PathFigures } from './order-paths';
import type { OpenLoopFigures } from './open-loop';
import type { ThroughputFigures } from './order-throughput';
import type { CpuMs } from './process-cpu';
import { formatMarkdownTable, formatTable } from './stats';

export interface StorageBound {
  /** DynamoDB Local's raw conditional puts/s just before and just after the order run; the bound uses the better. */
  conditionalPutsPerSecond: { before: number; after: number; best: number };
  /** From the happy path's sequential orders: the calls made before createOrder answered. */
  apiPathDynamoDbCallsPerOrder?: number;
  ordersPerSecond: number;
  /** Accepted orders/s ÷ the bound. */
  ratio: number;
  /** CPU per order over the order run (its warm-up and the sandboxes it started included): this process, and DynamoDB Local's JVM. */
  cpuMsPerOrder?: CpuMs;
  /** The most Node CPU an order may cost for the goal to be reachable on this machine's cores (bench/goals.ts). */
  nodeCpuBudgetMsPerOrder?: number;
  /** A raw put's CPU on each side (the SDK client, DynamoDB Local), in the raw run the bound was taken from. */
  cpuMsPerCall?: CpuMs;
  /** CPU per order beyond its DynamoDB calls (each at a raw put's cost): what the goal's share of the bound leaves, and what the order run spent. */
  cpuMsBeyondCallsPerOrder?: { allowed: number; spent: number };
  /** The happy path's Lambda invocations per order, and what a bare invocation costs (bench/bare-invocation.ts). */
  bareInvocations?: { invocationsPerOrder: number; perSecond: number; cpuMsPerInvocation: number };
}

export interface BenchResults {
  date: string;
  node: string;
  machine: { cpus: number; cpuModel: string };
  http: RouteFigures[];
  throughput: ThroughputFigures;
  storageBound: StorageBound;
  /** POST /orders at a fixed offered rate from the moment `npm start` says ready (bench/open-loop.ts). */
  openLoop?: OpenLoopFigures;
  paths: PathFigures[];
  functions: ColdStartRow[];
  goals: GoalCheck[];
  /** The prod stage's month at the seed's load, per workflow type of the order saga. */
  monthlyBill: { standard: MonthlyBill; express: MonthlyBill };
  prices: { region: string; checked: string; table: typeof awsPrices };
  durationSeconds: number;
}

const usd = (value: number) => `$${value.toFixed(2)}`;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function section(title: string, body: string): string {
  return `\n${title}\n${body}\n`;
}

function throughputSection({ throughput: t, storageBound: b, openLoop: o }: BenchResults): string {
  const rejected =
    Object.entries(t.rejected)
      .map(([status, count]) => `${count}×${status}`)
      .join(', ') || 'none';
  const byOperation = Object.entries(t.dynamoDbCallsByOperationPerOrder)
    .map(([operation, calls]) => `${operation} ${fixed(calls, 2)}`)
    .join(', ');
  const lines = [
    `createOrder: ${t.orders} orders placed in a ${t.timeBoxSeconds} s time box (tok_visa, ${t.concurrency} concurrent clients); accepted ${t.accepted}, rejected ${rejected}`,
    `  accepted orders/s     ${fixed(t.acceptedPerSecond)}`,
    `  latency ms            p50 ${fixed(t.latencyMs.p50)}  p95 ${fixed(t.latencyMs.p95)}  p99 ${fixed(t.latencyMs.p99)}`,
    `  sagas completed/s     ${fixed(t.sagasPerSecond)} (${t.sagasCompleted} ended, ${t.sagasConfirmed} confirmed; ${fixed(t.drainSeconds)} s from the first request to the last saga's end)`,
    `  everything settled    ${fixed(t.settledSeconds)} s after the first request (outbox relay, bus deliveries, notifications)`,
    `DynamoDB calls per accepted order: ${fixed(t.dynamoDbCallsPerAcceptedOrder, 2)} (API path ${b.apiPathDynamoDbCallsPerOrder === undefined ? 'n/a' : fixed(b.apiPathDynamoDbCallsPerOrder, 1)}, the rest saga, outbox relay and subscribers)`,
    `  by operation: ${byOperation}`,
    `DynamoDB Local raw conditional PutItem/s at ${t.concurrency} concurrent: ${fixed(b.conditionalPutsPerSecond.before, 0)} before, ${fixed(b.conditionalPutsPerSecond.after, 0)} after the order run; the better: ${fixed(b.conditionalPutsPerSecond.best, 0)}`,
    `Storage bound: ${fixed(b.conditionalPutsPerSecond.best, 0)} ÷ ${fixed(t.dynamoDbCallsPerAcceptedOrder, 2)} = ${fixed(b.ordersPerSecond)} orders/s; accepted/s ÷ bound = ${fixed(b.ratio * 100, 0)}%`,
    ...(b.cpuMsPerOrder && b.nodeCpuBudgetMsPerOrder !== undefined
      ? [
          `  CPU per order          Node ${fixed(b.cpuMsPerOrder.node, 0)} ms, DynamoDB Local ${fixed(b.cpuMsPerOrder.dynamoDbLocal, 0)} ms (the warm-up's orders and sandbox starts included)`,
          `  Node CPU budget        ${fixed(b.nodeCpuBudgetMsPerOrder, 0)} ms per order: the most that leaves the cores room for the goal's share of the bound`,
        ]
      : []),
    ...(b.cpuMsPerCall && b.cpuMsBeyondCallsPerOrder
      ? [
          `  CPU per call           a raw put as the bound measured it: Node ${fixed(b.cpuMsPerCall.node, 2)} ms, DynamoDB Local ${fixed(b.cpuMsPerCall.dynamoDbLocal, 2)} ms; × ${fixed(t.dynamoDbCallsPerAcceptedOrder)} calls = ${fixed((b.cpuMsPerCall.node + b.cpuMsPerCall.dynamoDbLocal) * t.dynamoDbCallsPerAcceptedOrder)} ms per order`,
          `  beyond the calls       the goal leaves ${fixed(b.cpuMsBeyondCallsPerOrder.allowed)} ms per order for everything else; the order run spent ${fixed(b.cpuMsBeyondCallsPerOrder.spent, 0)} ms`,
        ]
      : []),
    ...(b.bareInvocations
      ? [
          `  invocations alone      ${fixed(b.bareInvocations.invocationsPerOrder)} per order at a bare invocation's ${fixed(b.bareInvocations.cpuMsPerInvocation, 2)} ms = ${fixed(b.bareInvocations.invocationsPerOrder * b.bareInvocations.cpuMsPerInvocation)} ms (the health function through the function host alone, ${fixed(b.bareInvocations.perSecond, 0)}/s)`,
        ]
      : []),
    ...(o
      ? [
          `Open loop from \`npm start\`'s ready line (ready after ${fixed(o.readyMs / 1000)} s): ${o.offeredPerSecond} orders/s offered for ${o.seconds} s, cold sandboxes included`,
          `  POST /orders ms       p50 ${fixed(o.p50Ms)}  p99 ${fixed(o.p99Ms)}  max ${fixed(o.maxMs)}; answers ${Object.entries(o.statuses)
            .map(([status, count]) => `${count}×${status}`)
            .join(', ')}`,
          `  slowest per second    ${o.slowestBySecondMs.join(' ')}`,
        ]
      : []),
  ];
  return lines.join('\n');
}

function functionsTable(rows: ColdStartRow[]): string {
  return formatTable(
    rows.map((row) => ({
      function: row.functionId,
      'bundle KB': fixed(row.bundleKB),
      'floor KB': fixed(row.floorKB),
      'size ×': fixed(row.bundleRatio, 2),
      'init ms': fixed(row.initMs),
      'floor ms': fixed(row.floorMs),
      'init ×': fixed(row.initRatio, 2),
      'CPU ×': fixed(row.initCpuRatio, 2),
      goal: mark(row.meetsGoal),
      'floor = SDK clients': row.floor,
    })),
  );
}

/** The functions' table as docs/performance.md holds it (section b); ratios are dashes for functions without an SDK client. */
export function functionsMarkdownTable(rows: ColdStartRow[]): string {
  return formatMarkdownTable(
    rows.map((row) => {
      const clientless = row.floor === 'none';
      const ratio = (value: number) => (clientless ? '—' : fixed(value, 2));
      return {
        function: row.functionId,
        'bundle KB': fixed(row.bundleKB),
        'floor KB': fixed(row.floorKB),
        'size ×': ratio(row.bundleRatio),
        'init ms': fixed(row.initMs),
        'floor ms': fixed(row.floorMs),
        'init ×': ratio(row.initRatio),
        'CPU ×': ratio(row.initCpuRatio),
        goal: mark(row.meetsGoal),
        'floor (SDK clients)': floorLabel(row.floor),
      };
    }),
  );
}

/** The functions' table, then each one's largest contributors. */
export const functionsSection = (rows: ColdStartRow[]): string =>
  `${functionsTable(rows)}\n\nWhat each bundle holds beyond its floor, largest first (KB, esbuild metafile):\n${contributorsList(rows)}`;

/** Each function's largest contributors: the next dependency that bloats a cold start shows by name. */
function contributorsList(rows: ColdStartRow[]): string {
  return rows.map((row) => `  ${row.functionId}: ${row.contributors.map((c) => `${c.source} ${fixed(c.kilobytes)}`).join(', ')}`).join('\n');
}

function usageTable(paths: PathFigures[]): string {
  return formatTable(
    paths.map((p) => ({
      path: p.path,
      workflow: p.workflow,
      outcome: `${p.outcome} ${mark(p.asExpected)}`,
      orders: p.orders,
      'API req': fixed(p.usage.apiRequests, 1),
      'Lambda inv': fixed(p.usage.lambdaInvocations, 1),
      'GB-s': fixed(p.usage.lambdaGbSeconds, 3),
      transitions: fixed(p.usage.stateTransitions, 1),
      'Express req': fixed(p.usage.expressRequests, 1),
      'Express log KB': fixed(p.usage.expressLogBytes / 1024, 2),
      'DDB calls': fixed(p.dynamoDbCalls, 1),
      'RRU doc': fixed(p.usage.dynamoDbDocumentedReadUnits, 1),
      'WRU doc': fixed(p.usage.dynamoDbDocumentedWriteUnits, 1),
      'RRU Local': fixed(p.usage.dynamoDbReadUnits, 1),
      'WRU Local': fixed(p.usage.dynamoDbWriteUnits, 1),
      events: fixed(p.usage.events, 1),
      'queue msgs': fixed(p.usage.queueMessages, 1),
    })),
  );
}

function costTable(paths: PathFigures[]): string {
  return formatTable(
    paths.map(({ path, workflow, costPerMillionOrders: c }) => ({
      path,
      workflow,
      'API GW': usd(c.apiGateway),
      'Lambda req': usd(c.lambdaRequests),
      'Lambda GB-s': usd(c.lambdaDuration),
      'Step Fn': usd(c.stepFunctions),
      'CW Logs': usd(c.cloudWatchLogs),
      DynamoDB: usd(c.dynamoDb),
      EventBridge: usd(c.eventBridge),
      SQS: usd(c.sqs),
      total: usd(c.total),
    })),
  );
}

function statesTable(paths: PathFigures[]): string {
  return formatTable(
    paths.map((p) => ({
      path: p.path,
      workflow: p.workflow,
      'states entered': fixed(p.statesEntered, 1),
      transitions: fixed(p.usage.stateTransitions, 1),
      states: p.states,
    })),
  );
}

function billSection(bills: BenchResults['monthlyBill']): string {
  const lines = (bill: MonthlyBill) => [...bill.perOrder, ...bill.fixed];
  const table = formatTable(
    lines(bills.standard).map((line, index) => ({
      item: line.item,
      quantity: line.quantity,
      'Standard $/month': usd(line.usdPerMonth),
      'Express $/month': usd(lines(bills.express)[index]!.usdPerMonth),
      source: line.source,
    })),
  );
  const total = (bill: MonthlyBill) => `${usd(bill.totalUsd)} (per order ${usd(bill.perOrderUsd)}, fixed ${usd(bill.fixedUsd)})`;
  return [
    table,
    `total, Standard: ${total(bills.standard)}`,
    `total, Express:  ${total(bills.express)}`,
    `the fixed part is mostly: ${bills.standard.dominantFixed.join(', ')}`,
  ].join('\n');
}

function pricesTable(): string {
  return formatTable(
    Object.entries(awsPrices).map(([item, price]) => ({
      item,
      'USD per million': String(Number((price.usd * 1e6).toPrecision(6))),
      unit: price.per,
      source: price.source,
    })),
  );
}

export function formatReport(results: BenchResults): string {
  return [
    section(
      'a) HTTP reads through the local front door (throttling lifted)',
      formatTable(
        results.http.map((r) => ({
          route: r.route,
          'req/s': fixed(r.requestsPerSecond),
          'p50 ms': fixed(r.p50Ms),
          'p95 ms': fixed(r.p95Ms),
          'p99 ms': fixed(r.p99Ms),
        })),
      ),
    ),
    section('a) Order throughput, local runtime', throughputSection(results)),
    section(
      `b) Functions: bundle size and module init (median of fresh node processes) beside a bare bundle constructing the same SDK clients`,
      functionsSection(results.functions),
    ),
    section(
      "c) Usage per order, by path (mean of the orders measured; DynamoDB request units by AWS's documented rule, `doc`, and as DynamoDB Local reports them, `Local`)",
      usageTable(results.paths),
    ),
    section(
      `c) Cost per 1M orders, by path (${PRICE_REGION} list prices, checked ${PRICES_CHECKED}; DynamoDB priced on the documented rule's units)`,
      costTable(results.paths),
    ),
    section('d) States entered per path', statesTable(results.paths)),
    section(
      `e) The prod stage's month at ${results.monthlyBill.standard.ordersPerMonth.toLocaleString('en-US')} orders (10K a day, the path mix of bench/monthly-bill.ts)`,
      billSection(results.monthlyBill),
    ),
    section('Goals', formatTable(results.goals.map((g) => ({ goal: g.goal, figure: g.figure, met: mark(g.met) })))),
    section('Price table (bench/aws-prices.ts)', pricesTable()),
  ].join('');
}
