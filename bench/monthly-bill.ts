/**
 * What the prod stage costs a month at a stated load: the per-order part from the bench's meter
 * (costPerMillionOrders of each path, weighted by a stated path mix) and the fixed part, counted from
 * the synthesized prod template (alarms, dashboards, secrets, the web ACL and its rules) or stated
 * where the template cannot say (custom metrics, log volume). Every line is priced from
 * bench/aws-prices.ts. Pure, apart from `prodInventory`'s reading of a template.
 */
import { awsPrices, type AwsPrices } from './aws-prices';

/** The seed's load (docs/capacity.md): 10K orders a day. */
export const SEED_ORDERS_PER_DAY = 10_000;
const DAYS_PER_MONTH = 30;

/**
 * The path mix the bill assumes (stated, not measured): most orders confirm; the rest spread over the
 * failure paths. Names are the bench's path names.
 */
export const PATH_MIX: Record<string, number> = {
  'happy (tok_visa)': 0.9,
  'out of stock': 0.02,
  'declined (tok_declined)': 0.03,
  'async, webhook (tok_async)': 0.03,
  'cancelled after confirm': 0.02,
};

/**
 * What the functions log per order at prod's level (INFO): stated, about ten invocations of a few
 * structured lines each; the bench runs its runtime at ERROR and does not meter them. The Express
 * saga's own logs are metered and priced per path instead.
 */
export const FUNCTION_LOG_BYTES_PER_ORDER = 4 * 1024;

/** What the stage runs whatever its load. */
export interface FixedInventory {
  alarms: number;
  dashboards: number;
  /** Metric names the code publishes (each under one `service` dimension: one billed metric). */
  customMetrics: number;
  secrets: number;
  webAcls: number;
  webAclRules: number;
}

export interface BillInputs {
  ordersPerDay: number;
  /** USD per 1M orders of each path (the bench's `costPerMillionOrders.total`), by path name. */
  pathCostPerMillion: Record<string, number>;
  /** API requests per order (the happy path's), each inspected by the web ACL. */
  apiRequestsPerOrder: number;
  /** Logs ingested per order by the functions (stated) and the Express saga (metered), in bytes. */
  logBytesPerOrder: number;
  logRetentionDays: number;
  inventory: FixedInventory;
}

export interface BillLine {
  item: string;
  quantity: string;
  usdPerMonth: number;
  source: string;
}

export interface MonthlyBill {
  ordersPerMonth: number;
  perOrder: BillLine[];
  fixed: BillLine[];
  perOrderUsd: number;
  fixedUsd: number;
  totalUsd: number;
  /** The fixed lines that make up most of the fixed part, dearest first. */
  dominantFixed: string[];
}

export function monthlyBill(inputs: BillInputs, prices: AwsPrices = awsPrices): MonthlyBill {
  const ordersPerMonth = inputs.ordersPerDay * DAYS_PER_MONTH;
  const mixed = Object.entries(PATH_MIX).reduce((sum, [path, share]) => {
    const cost = inputs.pathCostPerMillion[path];
    if (cost === undefined) throw new Error(`the path mix names "${path}", which the bench did not measure`);
    return sum + share * cost;
  }, 0);
  const logGbPerMonth = (inputs.logBytesPerOrder * ordersPerMonth) / 1024 ** 3;
  // Logs kept for the retention period: in the steady state, that many months of ingestion stored.
  const storedGb = logGbPerMonth * Math.min(inputs.logRetentionDays / DAYS_PER_MONTH, 120);
  const perOrder: BillLine[] = [
    {
      item: 'orders (the bench path mix: API Gateway, Lambda, Step Functions, DynamoDB, EventBridge, SQS, Express logs)',
      quantity: `${ordersPerMonth.toLocaleString('en-US')} orders × $${mixed.toFixed(2)} per 1M`,
      usdPerMonth: (mixed * ordersPerMonth) / 1e6,
      source: 'npm run bench (costPerMillionOrders.total per path)',
    },
    {
      item: 'web ACL requests',
      quantity: `${(inputs.apiRequestsPerOrder * ordersPerMonth).toLocaleString('en-US')} requests`,
      usdPerMonth: inputs.apiRequestsPerOrder * ordersPerMonth * prices.wafRequest.usd,
      source: prices.wafRequest.source,
    },
    {
      item: 'function logs ingested',
      quantity: `${logGbPerMonth.toFixed(2)} GB`,
      usdPerMonth: logGbPerMonth * prices.cloudWatchLogsIngestedGb.usd,
      source: prices.cloudWatchLogsIngestedGb.source,
    },
  ];
  const { inventory } = inputs;
  const fixedLine = (item: string, count: number, price: { usd: number; source: string }): BillLine => ({
    item,
    quantity: String(count),
    usdPerMonth: count * price.usd,
    source: price.source,
  });
  const fixed: BillLine[] = [
    fixedLine('CloudWatch alarms', inventory.alarms, prices.cloudWatchAlarm),
    fixedLine('CloudWatch dashboards', inventory.dashboards, prices.cloudWatchDashboard),
    fixedLine('custom metrics', inventory.customMetrics, prices.cloudWatchCustomMetric),
    fixedLine('Secrets Manager secrets', inventory.secrets, prices.secretsManagerSecret),
    fixedLine('WAF web ACLs', inventory.webAcls, prices.wafWebAcl),
    fixedLine('WAF rules', inventory.webAclRules, prices.wafRule),
    {
      item: `logs stored (${inputs.logRetentionDays} days' retention)`,
      quantity: `${storedGb.toFixed(1)} GB`,
      usdPerMonth: storedGb * prices.cloudWatchLogsStoredGbMonth.usd,
      source: prices.cloudWatchLogsStoredGbMonth.source,
    },
  ];
  const sum = (lines: BillLine[]) => lines.reduce((total, line) => total + line.usdPerMonth, 0);
  const perOrderUsd = sum(perOrder);
  const fixedUsd = sum(fixed);
  const sorted = [...fixed].sort((a, b) => b.usdPerMonth - a.usdPerMonth);
  const dominantFixed: string[] = [];
  let covered = 0;
  for (const line of sorted) {
    if (covered >= fixedUsd * 0.75) break;
    dominantFixed.push(line.item);
    covered += line.usdPerMonth;
  }
  return { ordersPerMonth, perOrder, fixed, perOrderUsd, fixedUsd, totalUsd: perOrderUsd + fixedUsd, dominantFixed };
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** The fixed inventory of a synthesized template; custom metrics are stated (the code publishes them, not the template). */
export function inventoryOf(template: { Resources: Record<string, TemplateResource> }, customMetrics: number): FixedInventory {
  const resources = Object.values(template.Resources);
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
  const webAcls = ofType('AWS::WAFv2::WebACL');
  return {
    alarms: ofType('AWS::CloudWatch::Alarm').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    customMetrics,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    webAcls: webAcls.length,
    webAclRules: webAcls.reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0),
  };
}
