/**
 * What one order costs in AWS, from what it was measured to use locally, priced with the one table in
 * bench/aws-prices.ts. Pure arithmetic: the meters (bench/order-usage-meter.ts) supply the usage.
 */
import { awsPrices, type AwsPrices } from './aws-prices';

/** The billable usage of one order over its whole life (averaged over the orders of a path). */
export interface OrderUsage {
  /** Requests through API Gateway (the client's, and the payment provider's webhooks). */
  apiRequests: number;
  lambdaInvocations: number;
  /** Σ configured memory (GB) × billed duration (s), per invocation. */
  lambdaGbSeconds: number;
  /** Standard workflow state transitions: states entered plus retry attempts. */
  stateTransitions: number;
  /** Express workflow executions started (one request each). */
  expressRequests: number;
  /** Express workflow duration, as billed (bench/express-usage.ts). */
  expressGbSeconds: number;
  /** What the Express executions logged to CloudWatch Logs at the stage's level, in bytes. */
  expressLogBytes: number;
  /** Read and write request units as DynamoDB Local reports them (`ReturnConsumedCapacity`): reported, not priced. */
  dynamoDbReadUnits: number;
  dynamoDbWriteUnits: number;
  /** Read and write request units by AWS's documented rule (bench/dynamodb-documented-units.ts): what is priced. */
  dynamoDbDocumentedReadUnits: number;
  dynamoDbDocumentedWriteUnits: number;
  /** Custom events put on the bus. */
  events: number;
  /** Messages rules delivered to queue targets (one SQS SendMessage each). */
  queueMessages: number;
}

/** USD per million orders, by what is billed. */
export interface CostPerMillionOrders {
  apiGateway: number;
  lambdaRequests: number;
  lambdaDuration: number;
  /** Standard transitions, Express requests and duration. */
  stepFunctions: number;
  /** The Express executions' logs ingested. */
  cloudWatchLogs: number;
  dynamoDb: number;
  eventBridge: number;
  sqs: number;
  total: number;
}

export const ORDERS_PER_COST_FIGURE = 1_000_000;

/** Lambda bills memory in GB (MB ÷ 1024) times duration rounded up to the millisecond. */
export function billedGbSeconds(memorySizeMb: number, durationMs: number): number {
  return (memorySizeMb / 1024) * (Math.ceil(durationMs) / 1000);
}

export function costPerMillionOrders(usage: OrderUsage, prices: AwsPrices = awsPrices): CostPerMillionOrders {
  const perOrder = {
    apiGateway: usage.apiRequests * prices.apiGatewayRestRequest.usd,
    lambdaRequests: usage.lambdaInvocations * prices.lambdaRequest.usd,
    lambdaDuration: usage.lambdaGbSeconds * prices.lambdaArmGbSecond.usd,
    stepFunctions:
      usage.stateTransitions * prices.stepFunctionsStandardTransition.usd +
      usage.expressRequests * prices.stepFunctionsExpressRequest.usd +
      usage.expressGbSeconds * prices.stepFunctionsExpressGbSecond.usd,
    cloudWatchLogs: (usage.expressLogBytes / 1024 ** 3) * prices.cloudWatchLogsIngestedGb.usd,
    dynamoDb: usage.dynamoDbDocumentedReadUnits * prices.dynamoDbReadRequestUnit.usd + usage.dynamoDbDocumentedWriteUnits * prices.dynamoDbWriteRequestUnit.usd,
    eventBridge: usage.events * prices.eventBridgeCustomEvent.usd,
    sqs: usage.queueMessages * prices.sqsRequest.usd,
  };
  const scaled = Object.fromEntries(Object.entries(perOrder).map(([item, usd]) => [item, usd * ORDERS_PER_COST_FIGURE])) as Omit<CostPerMillionOrders, 'total'>;
  return { ...scaled, total: Object.values(scaled).reduce((sum, usd) => sum + usd, 0) };
}

/** The mean usage of several orders, field by field. */
export function meanUsage(usages: OrderUsage[]): OrderUsage {
  if (!usages.length) throw new Error('meanUsage needs at least one order');
  const keys = Object.keys(usages[0]!) as (keyof OrderUsage)[];
  return Object.fromEntries(keys.map((key) => [key, usages.reduce((sum, usage) => sum + usage[key], 0) / usages.length])) as unknown as OrderUsage;
}
