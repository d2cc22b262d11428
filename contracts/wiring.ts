import type { HttpMethod, RouteContract } from './api/route-contract';

export type { HttpMethod };

/**
 * The shapes of the single source of truth. The CDK stack and the embedded local runtime both read
 * objects of these types (and only these) to decide which function serves a route, a rule, a stream,
 * a schedule or a state-machine task. Each folder of functions/ declares its part in its wiring.ts;
 * lib/wiring/index.ts puts the parts together. Nothing in here imports aws-cdk-lib or the AWS SDK.
 */

/**
 * Where a function is deployed: the construct that creates it and its Powertools service name
 * (`ordersaga-<context>`, the `service` of its logs and metrics).
 */
export type BoundedContext = 'platform' | 'identity' | 'orders' | 'inventory' | 'payments' | 'notifications';

/** What a function may touch; the stack turns this into `grant*` calls, the local runtime into env vars. */
export interface FunctionAccess {
  table?: 'read' | 'readWrite';
  /** May call events:PutEvents on the domain bus. */
  publishEvents?: boolean;
  /** State machine ids (see StateMachineSpec.id) this function may start or send task results to. */
  stateMachines?: string[];
  /**
   * State machine ids whose executions this function may describe and redrive (DescribeExecution,
   * RedriveExecution on the machine's executions): repairing sagas that failed.
   */
  redrivesExecutions?: string[];
  /** Needs the stage's JWT issuer settings (the authorizer). */
  verifiesTokens?: boolean;
  /** Signs and verifies pagination cursors (needs the stage's cursor signing key). */
  signsCursors?: boolean;
  /** Verifies the payment provider's webhook signatures (needs the webhook secret). */
  verifiesWebhooks?: boolean;
  /** Calls the payment provider (needs the stage's provider settings and, with a real provider, its API key). */
  callsPaymentProvider?: boolean;
  /** Reads the stage's saga settings (the async payment timeout it puts into the saga's context). */
  readsSagaSettings?: boolean;
  /** Sends customer e-mail through SES, from the stage's sender identity with its configuration set. */
  sendsEmail?: boolean;
  /** Sends text messages to phone numbers (SNS Publish). */
  sendsSms?: boolean;
  /** Reads SES's events of the stage's e-mail configuration set (it is told the set's name). */
  followsEmailEvents?: boolean;
}

export interface FunctionSpec {
  /** Stable logical id, camelCase, unique; also the local runtime's function name. */
  id: string;
  context: BoundedContext;
  description: string;
  /** Path of the TypeScript entry, relative to the repository root. */
  entry: string;
  /** Name of the exported handler. */
  handler: string;
  memorySize: number;
  timeoutSeconds: number;
  access: FunctionAccess;
  /** Extra environment, merged over the stage defaults. */
  environment?: Record<string, string>;
  /**
   * Files packaged beside the bundle, by their name there → their path in the repository: static
   * assets the handler reads at run time instead of bundling them as code (the OpenAPI document).
   */
  assets?: Record<string, string>;
}

export interface ThrottleSpec {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Bucket size. */
  burstLimit: number;
}

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway resource path with `{param}` placeholders, including the `/api/v1` base path. */
  path: string;
  functionId: string;
  /** `none`: no authorizer. `user`: any valid token. `admin`: the handler checks the admin group. */
  auth: 'none' | 'user' | 'admin';
  summary: string;
}

export interface AuthorizerSpec {
  functionId: string;
  /** Where API Gateway reads the identity from; also the cache key. */
  identitySource: 'Authorization';
  resultTtlSeconds: number;
}

export interface RetryPolicySpec {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

export type EventTargetSpec = { kind: 'function'; functionId: string; retry: RetryPolicySpec } | { kind: 'queue'; queueId: string; retry: RetryPolicySpec };

export interface EventRuleSpec {
  id: string;
  description: string;
  /**
   * The bus the rule is on. Absent: the domain bus. `default`: the account's default bus, where AWS
   * services put their own events (SES's e-mail events, for one, can go nowhere else).
   */
  eventBus?: 'default';
  /** An EventBridge event pattern, exactly as deployed. */
  eventPattern: Record<string, unknown>;
  targets: EventTargetSpec[];
}

export interface ScheduleSpec {
  id: string;
  description: string;
  /** `rate(5 minutes)` or `cron(0/5 * * * ? *)`, as EventBridge takes them. */
  expression: string;
  functionId: string;
  /** Constant input handed to the function; an EventBridge scheduled event when absent. */
  input?: unknown;
}

export interface StreamConsumerSpec {
  id: string;
  functionId: string;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  retryAttempts: number;
  bisectBatchOnError: boolean;
  /** Lambda event filter patterns (EventBridge pattern syntax over the stream record). */
  filterPatterns?: Record<string, unknown>[];
}

export interface StateMachineSpec {
  id: string;
  /** ASL file relative to the repository root (JSONPath only). */
  file: string;
  type: 'STANDARD' | 'EXPRESS';
  /** `${Placeholder}` in the ASL → function id whose ARN replaces it. */
  functionArns: Record<string, string>;
  /** `${Placeholder}` → state machine id whose ARN replaces it. */
  stateMachineArns?: Record<string, string>;
  /** Other `${Placeholder}`s: 'TableName' | 'EventBusName' resolved by whoever deploys it. */
  resourceNames?: Record<string, 'TableName' | 'EventBusName'>;
  /** Env var through which functions learn this machine's ARN. */
  arnEnvVar: string;
  /** Env var through which functions learn this machine's type, when the stage may change it. */
  typeEnvVar?: string;
}

export interface TableDesign {
  partitionKey: string;
  sortKey: string;
  globalSecondaryIndexes: { indexName: string; partitionKey: string; sortKey: string }[];
  timeToLiveAttribute: string;
  stream: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
}

export interface QueueSpec {
  id: string;
  description: string;
  /**
   * An example of another team's queue: deployed, with the rules that target it, only where the
   * stage's `exampleSubscriber` option is on.
   */
  example?: boolean;
}

export interface AppWiring {
  functions: FunctionSpec[];
  authorizer: AuthorizerSpec;
  routes: RouteSpec[];
  /** One per route: the schemas its handler validates with, and every answer it gives. */
  contracts: RouteContract[];
  eventRules: EventRuleSpec[];
  schedules: ScheduleSpec[];
  streamConsumers: StreamConsumerSpec[];
  stateMachines: StateMachineSpec[];
  queues: QueueSpec[];
  table: TableDesign;
}

/** What one folder of functions/ contributes to the app: its wiring.ts exports one. */
export type ContextWiring = Partial<Omit<AppWiring, 'table'>>;
