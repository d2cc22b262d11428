/**
 * The one price table the benchmark's cost figures use: AWS list prices in us-east-1 (N. Virginia),
 * on-demand, first volume tier, no free tier, no Savings Plans. Change a price here and every figure
 * follows. Each entry names the page it was read from; `PRICES_CHECKED` is when.
 */
export const PRICES_CHECKED = '2026-11-26';
export const PRICE_REGION = 'us-east-1';

export interface UnitPrice {
  usd: number;
  /** What one `usd` buys. */
  per: string;
  source: string;
}

export const awsPrices = {
  /** Lambda on Arm (Graviton): the stack deploys every function as arm64 (lib/constructs/service-function.ts). */
  lambdaRequest: { usd: 0.2 / 1e6, per: 'request', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second (Arm, first 7.5 billion GB-s a month)', source: 'https://aws.amazon.com/lambda/pricing/' },
  stepFunctionsStandardTransition: {
    usd: 0.025 / 1000,
    per: 'state transition (Standard; retries count)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  stepFunctionsExpressRequest: {
    usd: 1.0 / 1e6,
    per: 'Express workflow execution started (request)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  stepFunctionsExpressGbSecond: {
    usd: 0.00001667,
    per: 'GB-second of Express workflow duration (first 1,000 hours a month; billed in 100 ms steps, memory in 64 MB steps)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    per: 'GB of logs ingested into CloudWatch Logs (Standard log class; an Express workflow logs there)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  dynamoDbWriteRequestUnit: {
    usd: 0.625 / 1e6,
    per: 'write request unit (on-demand, Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  dynamoDbReadRequestUnit: {
    usd: 0.125 / 1e6,
    per: 'read request unit (on-demand, Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  eventBridgeCustomEvent: { usd: 1.0 / 1e6, per: 'custom event put on a bus (64 KB chunk)', source: 'https://aws.amazon.com/eventbridge/pricing/' },
  apiGatewayRestRequest: { usd: 3.5 / 1e6, per: 'REST API request (first 333 million a month)', source: 'https://aws.amazon.com/api-gateway/pricing/' },
  sqsRequest: { usd: 0.4 / 1e6, per: 'SQS standard queue request (a rule delivering to a queue target)', source: 'https://aws.amazon.com/sqs/pricing/' },
  // The fixed part of the monthly bill (bench/monthly-bill.ts).
  cloudWatchAlarm: { usd: 0.1, per: 'standard-resolution alarm metric, a month', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  cloudWatchDashboard: { usd: 3.0, per: 'dashboard, a month (beyond the 3 free)', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  cloudWatchCustomMetric: { usd: 0.3, per: 'custom metric, a month (first 10,000)', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  cloudWatchLogsStoredGbMonth: { usd: 0.03, per: 'GB of logs stored, a month', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  secretsManagerSecret: { usd: 0.4, per: 'secret, a month', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
  wafWebAcl: { usd: 5.0, per: 'web ACL, a month', source: 'https://aws.amazon.com/waf/pricing/' },
  wafRule: { usd: 1.0, per: 'rule in a web ACL (a managed rule group counts as one), a month', source: 'https://aws.amazon.com/waf/pricing/' },
  wafRequest: { usd: 0.6 / 1e6, per: 'request inspected by a web ACL', source: 'https://aws.amazon.com/waf/pricing/' },
} satisfies Record<string, UnitPrice>;

export type AwsPrices = typeof awsPrices;
