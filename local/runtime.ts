import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type AppWiring, functionEnvironment, routePath, withSagaWorkflowType } from '#lib/wiring';
import type { SagaWorkflowType } from '#contracts/state-machines';
import { EventBusRouter } from './aws-api/event-bus-router';
import { LocalServiceError } from './aws-api/service-error';
import { startLocalAwsEndpoint } from './aws-api/local-aws-endpoint';
import { localDynamoDbClientConfig } from './dynamodb/client-config';
import { connectToExistingDynamoDb, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb/dynamodb-local';
import { DynamoDbTrafficProxy } from './dynamodb/dynamodb-traffic-proxy';
import { StreamPoller } from './dynamodb/stream-poller';
import { StreamPositions } from './dynamodb/stream-positions';
import { provisionTable } from './dynamodb/table-provisioner';
import { TtlDeletionLedger } from './dynamodb/ttl-deletion-ledger';
import { TtlSweeper } from './dynamodb/ttl-sweeper';
import { matchesEventPattern } from './eventbridge/event-pattern';
import { LocalEventBus } from './eventbridge/local-event-bus';
import type { GatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { ApiGatewayServer } from './front-door/api-gateway-server';
import { GatewayRequestValidator } from './front-door/gateway-request-validator';
import { createLocalTokenIssuer, type LocalTokenIssuer } from './identity/local-token-issuer';
import { bundleFunctions } from './lambda/function-bundler';
import { requestServingFunctionIds } from './lambda/request-serving-functions';
import { ASYNC_INVOCATION } from '#contracts/events/subscriptions';
import type { ConcurrencySettings } from './lambda/concurrency-limits';
import { FunctionHost } from './lambda/function-host';
import type { FunctionLogSink } from './lambda/function-logs';
import { RequestLog } from './console/request-log';
import { TableBrowser } from './console/table-browser';
import { localEndpoints } from './local-endpoints';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localFunctionArn, localStateMachineArn } from './local-identity';
import { PaymentProviderSimulator } from './payments/payment-provider-simulator';
import { LocalSes } from './ses/local-ses';
import { LocalSns } from './sns/local-sns';
import { LocalScheduler } from './scheduler/local-scheduler';
import { ExecutionStore } from './stepfunctions/execution-store';
import { LocalStepFunctions } from './stepfunctions/local-step-functions';
import { loadStateMachineDefinition } from './state-machine-definitions';

export interface LocalRuntimeSettings {
  rootDir: string;
  wiring: AppWiring;
  stage: LocalStageSettings;
  /** 0 picks a free port. */
  port: number;
  /** The AWS endpoint's port (README, "AWS tools against the local runtime"); 0 or absent picks a free one. */
  awsPort?: number;
  /**
   * Keep the table in this folder instead of in memory, and with it what a restart needs to go on
   * where it stopped: the stream mappings' positions, the Step Functions executions, the simulated
   * payment provider's state (README, "Keeping data across restarts").
   */
  persistDir?: string;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamoDbEndpoint?: string;
  /** Speeds scheduled rules up (60: a minute per second). */
  scheduleSpeedUp?: number;
  /** Multiplies Step Functions retry and wait intervals (tests use a small value). */
  stepFunctionsDelayScale?: number;
  /** Multiplies EventBridge target retry delays. */
  eventRetryBaseDelayMs?: number;
  log?: (line: string) => void;
  /** Gateway request validation per route (`METHOD /path`), from the route contracts; none: no validation. */
  requestValidation?: Map<string, GatewayRequestValidation>;
  /** The webhook signing secret the simulated payment provider and the webhook handler share (random by default). */
  paymentWebhookSecret?: string;
  /** How long after a `tok_async` authorization the simulated provider completes it and sends its webhook (default 1000). */
  paymentWebhookDelayMs?: number;
  /**
   * Puts a proxy between DynamoDB and its billed callers (the functions, the state machines' direct
   * tasks) that counts calls and consumed capacity, and can throttle a share of them or answer them with
   * the transaction conflicts DynamoDB Local never produces (bench, fault tests, LOCAL_DYNAMODB_CONFLICT_RATE).
   */
  dynamoDbProxy?: { throttleRate?: number; conflictRate?: number };
  /** The simulated payment provider fails this share of its calls transiently (fault tests). */
  paymentSimulatorFailureRate?: number;
  /** The domain bus fails this share of PutEvents entries, as a partial failure (fault tests: the outbox's resend path). */
  eventBusEntryFailureRate?: number;
  /**
   * Lambda's concurrency: functions' reserved concurrency and the account's limit (default 1,000, none
   * reserved). Past them an invocation is throttled as on AWS (local/lambda/concurrency-limits.ts).
   */
  lambdaConcurrency?: ConcurrencySettings;
  /** Multiplies Lambda's asynchronous-invocation waits (retries ~1 and 2 min apart) and event age; tests use a small value. */
  lambdaAsyncDelayScale?: number;
  /** Where the functions' log lines and invocation records go; default: the lines as written, on stdout/stderr. */
  functionLogs?: FunctionLogSink;
  /**
   * Extra environment for every function, over the wiring's (tests shorten the saga's time-based
   * settings this way, e.g. the provider timeout or the settlement sweeper's due time, as
   * `stepFunctionsDelayScale` shortens the state machines' waits).
   */
  functionEnvironment?: Record<string, string>;
  /**
   * Start not ready (GET /_local/ready answers 503) until `markReady()`: `npm start` seeds the catalog
   * through the API first. Default: ready once started.
   */
  readyAfterSetup?: boolean;
  /**
   * The nice value of the sandboxes of the functions no request waits for (saga steps, subscribers, the
   * outbox relay; Linux only): on AWS each sandbox has a CPU of its own, here they share the machine's,
   * and a burst's sagas would take the CPU the next requests need. `npm start` sets 10 (about a tenth of
   * a request-serving thread's share when both want the CPU). Default 0: every sandbox at the process's
   * priority, as the test suites run, whose scenarios wait for the sagas rather than for the API.
   */
  backgroundNiceness?: number;
}

/** The settings of the `local` stage the runtime needs (from lib/config). */
export interface LocalStageSettings {
  name: string;
  logLevel: string;
  throttle: { rateLimit: number; burstLimit: number };
  methodThrottles: Record<string, { rateLimit: number; burstLimit: number }>;
  corsAllowOrigins: string[];
  corsAllowCredentials: boolean;
  tokenIssuer: { issuer: string; audience: string };
  /** `workflowType`: the order saga as a Standard (default) or an Express workflow, as the stage setting deploys it. */
  saga: { asyncPaymentTimeoutSeconds: number; workflowType?: SagaWorkflowType };
  /** Customer messaging: the e-mail sender (absent: no e-mail), and whether text messages are sent; absent: neither. */
  notifications?: { emailFromAddress?: string; smsEnabled: boolean };
}

export interface LocalRuntime {
  url: string;
  port: number;
  issuer: LocalTokenIssuer;
  bus: LocalEventBus;
  stepFunctions: LocalStepFunctions;
  /** The one AWS endpoint: DynamoDB, DynamoDB Streams, Step Functions, EventBridge, SES v2, SNS. */
  awsEndpoint: string;
  /** What the local SES sent (GET /_local/mail) and the local SNS texted (GET /_local/sms). */
  ses: LocalSes;
  sns: LocalSns;
  /** The functions: their asynchronous invocations' on-failure records, for tests. */
  functions: FunctionHost;
  /** The table stream's event source mappings: their discarded batches, for tests. */
  streams: StreamPoller;
  dynamoDbEndpoint: string;
  tableName: string;
  /** With `dynamoDbProxy`: the calls the functions and tasks made, and the throttling and conflict knobs. */
  dynamoDbTraffic?: DynamoDbTrafficProxy;
  /** Resolves when no event delivery, asynchronous invocation, stream batch or saga step is pending. */
  idle(): Promise<void>;
  /** GET /_local/ready answers 200 from now on (with `readyAfterSetup`). */
  markReady(): void;
  stop(): Promise<void>;
}

/** Any SDK call that is not pointed at a local service goes here and fails at once, never to AWS. */
export const DEAD_ENDPOINT = 'http://127.0.0.1:9';

/**
 * Starts the whole backend in this process: DynamoDB Local (or the given endpoint), the functions in
 * worker sandboxes, the event bus, the state machines, the stream and schedule sources, and the API
 * front door — all built from the same wiring the CDK stack deploys.
 */
export async function startLocalRuntime(settings: LocalRuntimeSettings): Promise<LocalRuntime> {
  const log = settings.log ?? (() => undefined);
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`stop: ${(error as Error).message}`);
      }
    }
  };
  try {
    const { stage } = settings;
    const wiring = withSagaWorkflowType(settings.wiring, stage.saga.workflowType ?? 'standard');
    const tableName = `ordersaga-${stage.name}`;
    const cors = { allowOrigins: stage.corsAllowOrigins, allowCredentials: stage.corsAllowCredentials };
    const eventBusName = `ordersaga-${stage.name}`;

    const issuer = await createLocalTokenIssuer(stage.tokenIssuer);

    const dynamoDb: RunningDynamoDb = settings.dynamoDbEndpoint
      ? await connectToExistingDynamoDb(settings.dynamoDbEndpoint)
      : await startDynamoDbLocal({ persistDir: settings.persistDir });
    stops.push(() => dynamoDb.stop());
    const dynamoDbClient = new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint));
    stops.push(() => dynamoDbClient.destroy());
    const { streamArn } = await provisionTable(dynamoDbClient, tableName, wiring.table);
    // The runtime's own housekeeping (provisioning, TTL sweeps, stream reads) bypasses the proxy: AWS
    // does not bill it as table traffic, and it must not be throttled.
    const trafficProxy = settings.dynamoDbProxy
      ? await DynamoDbTrafficProxy.start({
          target: dynamoDb.endpoint,
          keyAttributes: [wiring.table.partitionKey, wiring.table.sortKey],
          ...settings.dynamoDbProxy,
        })
      : undefined;
    if (trafficProxy) stops.push(() => trafficProxy.close());
    const billedDynamoDbEndpoint = trafficProxy?.endpoint ?? dynamoDb.endpoint;
    const taskDynamoDbClient = trafficProxy ? new DynamoDBClient(localDynamoDbClientConfig(billedDynamoDbEndpoint)) : dynamoDbClient;
    if (trafficProxy) stops.push(() => taskDynamoDbClient.destroy());

    const bundles = await bundleFunctions(settings.rootDir, wiring.functions);
    stops.push(() => bundles.dispose());

    // Services are created after the functions (they invoke them), the endpoint before (functions call it).
    let bus: LocalEventBus | undefined;
    // The account's default bus, where AWS services' own events go (SES's, for the e-mail statuses).
    let defaultBus: LocalEventBus | undefined;
    let stepFunctions: LocalStepFunctions | undefined;
    // The state machines as deployed (definitions substituted), filled in with the service below; the AWS endpoint lists them.
    const stateMachines: DeployedStateMachine[] = [];
    const createdAt = Date.now() / 1000;
    const buses = new EventBusRouter(
      () => bus!,
      () => defaultBus!,
    );
    // The stack's configuration set sends every SES event type the application reads to the default bus (lib/constructs/customer-messaging.ts).
    const emailConfigurationSet = `ordersaga-${stage.name}-email`;
    const ses = new LocalSes({
      configurationSets: [{ name: emailConfigurationSet, publishesEvents: true }],
      publish: (event) => defaultBus?.putServiceEvent(event),
    });
    const sns = new LocalSns();
    const awsApi = await startLocalAwsEndpoint({
      port: settings.awsPort ?? 0,
      jsonServices: [
        { targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1', actions: { PutEvents: (input) => buses.putEvents(input as never) } },
        {
          targetPrefix: 'AWSStepFunctions',
          contentType: 'application/x-amz-json-1.0',
          actions: stepFunctionsActions(() => stepFunctions!, stateMachines, createdAt),
        },
      ],
      dynamoDb: { endpoint: billedDynamoDbEndpoint, streamsEndpoint: dynamoDb.endpoint },
      ses,
      sns,
    });
    const awsEndpoint = awsApi.url;
    stops.push(() => awsApi.close());

    const localSecrets = {
      CURSOR_SIGNING_KEY: { value: randomBytes(32).toString('base64url') },
      PAYMENT_WEBHOOK_SECRET: { value: settings.paymentWebhookSecret ?? randomBytes(32).toString('base64url') },
    };
    // The front door listens before the functions start, so the payment provider can be given its URL
    // for its webhooks; it invokes the functions through a reference filled in below.
    let host: FunctionHost | undefined;
    let paymentProvider: PaymentProviderSimulator | undefined;
    // What the console page shows (GET /_local/console): the API requests seen, the table's items.
    const requestLog = new RequestLog();
    let ready = !settings.readyAfterSetup;
    const frontDoor = new ApiGatewayServer({
      onAnswered: (answer) => requestLog.record(answer),
      routes: wiring.routes,
      authorizer: wiring.authorizer,
      invoker: {
        invoke: async (functionId, event, options) =>
          host
            ? host.invoke(functionId, event, options)
            : { ok: false, durationMs: 0, error: { errorType: 'Runtime.Starting', errorMessage: 'the local runtime is starting' } },
      },
      stage: stage.name,
      throttle: stage.throttle,
      methodThrottles: stage.methodThrottles,
      cors,
      requestValidator: settings.requestValidation ? new GatewayRequestValidator(settings.requestValidation) : undefined,
      extraRoutes: localEndpoints({
        issuer,
        routes: wiring.routes,
        carriedEvents: (filter) => bus!.carriedEvents(filter),
        sentMail: () => ses.sentMail(),
        sentTexts: () => sns.sentTexts(),
        info: () => ({ awsEndpoint, region: LOCAL_REGION, tableName, eventBusName, stateMachines: stateMachineArns }),
        executionsOf: (name) => stepFunctions!.executions({ name }),
        paymentProvider: () => paymentProvider,
        ready: () => ready,
        console: { table: new TableBrowser(dynamoDbClient, tableName), requests: requestLog, stateMachines: () => stateMachines },
      }),
    });
    const { url, port } = await frontDoor.listen(settings.port);
    stops.push(() => frontDoor.close());

    // One provider for the whole runtime, in this thread: every sandbox sees the same payments.
    const paymentProviderApiKey = `sk_test_${randomBytes(24).toString('base64url')}`;
    paymentProvider = new PaymentProviderSimulator({
      apiKey: paymentProviderApiKey,
      webhook: {
        url: `${url}${routePath('paymentWebhook')}`,
        secret: async () => localSecrets.PAYMENT_WEBHOOK_SECRET.value,
        delayMs: settings.paymentWebhookDelayMs,
      },
      failureRate: settings.paymentSimulatorFailureRate,
      stateFile: settings.persistDir ? join(settings.persistDir, 'payment-provider.json') : undefined,
    });
    const paymentProviderUrl = await paymentProvider.start();
    const runningProvider = paymentProvider;
    stops.push(() => runningProvider.stop());

    const stateMachineArns = Object.fromEntries(wiring.stateMachines.map((m) => [m.id, localStateMachineArn(m.id)]));
    const localEndpointsEnv = {
      AWS_ENDPOINT_URL: DEAD_ENDPOINT,
      AWS_ENDPOINT_URL_DYNAMODB: billedDynamoDbEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamoDb.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: awsEndpoint,
      AWS_ENDPOINT_URL_SFN: awsEndpoint,
      AWS_ENDPOINT_URL_SESV2: awsEndpoint,
      AWS_ENDPOINT_URL_SNS: awsEndpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: LOCAL_REGION,
      POWERTOOLS_METRICS_DISABLED: 'true',
      TZ: 'UTC',
    };
    // Rule targets and schedules: invoked asynchronously, with the EventInvokeConfig the stack gives them.
    const asyncInvoked = new Set([
      ...wiring.eventRules.flatMap((rule) => rule.targets.flatMap((target) => (target.kind === 'function' ? [target.functionId] : []))),
      ...wiring.schedules.map((schedule) => schedule.functionId),
    ]);
    // The functions a request waits for (the API's handlers and its authorizer) keep the process's priority;
    // the rest yield the CPU to them when asked to (function-host.ts, HostedFunction.niceness).
    const servesRequests = new Set(requestServingFunctionIds(wiring));
    host = new FunctionHost({
      workerPath: bundles.workerPath,
      compileCacheDir: bundles.compileCacheDir,
      concurrency: settings.lambdaConcurrency,
      asyncInvocation: {
        config: (functionId) => (asyncInvoked.has(functionId) ? ASYNC_INVOCATION : undefined),
        delayScale: settings.lambdaAsyncDelayScale,
      },
      logs: settings.functionLogs,
      functions: wiring.functions.map((spec) => ({
        spec,
        bundlePath: bundles.bundles.get(spec.id)!,
        niceness: servesRequests.has(spec.id) ? 0 : (settings.backgroundNiceness ?? 0),
        environment: {
          ...functionEnvironment(spec, {
            stage: stage.name,
            logLevel: stage.logLevel,
            tableName,
            eventBusName,
            stateMachineArns,
            stateMachines: wiring.stateMachines,
            tokenIssuer: { ...stage.tokenIssuer, jwksJson: issuer.jwksJson },
            secrets: localSecrets,
            notifications: { smsEnabled: false, ...stage.notifications, configurationSetName: emailConfigurationSet },
            saga: stage.saga,
            cors: { ...cors, routes: wiring.routes },
            // The production HTTP adapter, against the provider above, whatever the stage's setting says.
            paymentProvider: { kind: 'http', url: paymentProviderUrl, apiKey: { value: paymentProviderApiKey } },
          }),
          ...localEndpointsEnv,
          ...settings.functionEnvironment,
        },
      })),
    });
    const runningHost = host;
    stops.push(() => runningHost.close());

    bus = new LocalEventBus({
      busName: eventBusName,
      rules: wiring.eventRules.filter((rule) => rule.eventBus !== 'default'),
      invoker: host,
      entryFailureRate: settings.eventBusEntryFailureRate,
      retryBaseDelayMs: settings.eventRetryBaseDelayMs,
    });
    stops.push(() => bus!.close());
    defaultBus = new LocalEventBus({
      busName: 'default',
      rules: wiring.eventRules.filter((rule) => rule.eventBus === 'default'),
      invoker: host,
      retryBaseDelayMs: settings.eventRetryBaseDelayMs,
    });
    stops.push(() => defaultBus!.close());

    stateMachines.push(
      ...wiring.stateMachines.map((machine) => ({
        id: machine.id,
        arn: stateMachineArns[machine.id]!,
        type: machine.type,
        definition: loadStateMachineDefinition(settings.rootDir, machine, {
          functionArn: localFunctionArn,
          stateMachineArn: localStateMachineArn,
          tableName,
          eventBusName,
        }),
      })),
    );
    stepFunctions = new LocalStepFunctions({
      machines: stateMachines,
      tasks: { invoker: host, dynamoDb: taskDynamoDbClient, putEvents: (request) => buses.putEvents(request) },
      retryDelayScale: settings.stepFunctionsDelayScale,
      waitScale: settings.stepFunctionsDelayScale,
      // With a folder, executions outlive the process, as on AWS: a restart continues the running ones.
      store: settings.persistDir ? new ExecutionStore(join(settings.persistDir, 'executions')) : undefined,
    });
    stops.push(() => stepFunctions!.close());

    const streams = new DynamoDBStreamsClient(localDynamoDbClientConfig(dynamoDb.endpoint));
    stops.push(() => streams.destroy());
    // DynamoDB Local never expires items; the sweeper does, marking its deletions as AWS's TTL does.
    const ttlDeletions = new TtlDeletionLedger();
    const sweeper = new TtlSweeper({ client: dynamoDbClient, tableName, design: wiring.table, ledger: ttlDeletions, log });
    sweeper.start();
    stops.push(() => sweeper.stop());
    const poller = new StreamPoller({
      client: streams,
      streamArn,
      consumers: wiring.streamConsumers,
      invoker: host,
      matches: matchesEventPattern,
      ttlDeletions,
      // Kept in the folder with the table: a restart goes on where each mapping was, as on AWS.
      positions: settings.persistDir ? new StreamPositions(settings.persistDir) : undefined,
      log,
    });
    await poller.start();
    stops.push(() => poller.stop());

    // Everything that receives the provider's webhooks runs now: those an earlier run still owed go out.
    runningProvider.sendOwedWebhooks();

    const scheduler = new LocalScheduler({ schedules: wiring.schedules, invoker: host, speedUp: settings.scheduleSpeedUp, log });
    scheduler.start();
    stops.push(() => scheduler.stop());

    const runningBus = bus;
    const runningDefaultBus = defaultBus;
    const runningStepFunctions = stepFunctions;
    return {
      url,
      port,
      issuer,
      bus: runningBus,
      stepFunctions: runningStepFunctions,
      awsEndpoint,
      ses,
      sns,
      functions: runningHost,
      streams: poller,
      dynamoDbEndpoint: dynamoDb.endpoint,
      tableName,
      dynamoDbTraffic: trafficProxy,
      idle: async () => {
        // Each source can feed another (a saga step publishes, an event starts a saga): settle twice.
        for (let round = 0; round < 2; round += 1) {
          await poller.idle();
          await runningBus.idle();
          await runningDefaultBus.idle();
          await runningHost.asyncIdle();
          // A saga waiting for a webhook is not "busy": it waits for someone else.
          await runningStepFunctions.idle({ includeWaiting: false });
        }
      },
      markReady: () => {
        ready = true;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface DeployedStateMachine {
  id: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: Record<string, unknown>;
}

/**
 * The Step Functions API actions handler code may call, by their AWS names, and the two a person's
 * tools start with: ListStateMachines and DescribeStateMachine ("ListStateMachines",
 * "DescribeStateMachine", AWS Step Functions API Reference), answered from the deployed definitions.
 */
function stepFunctionsActions(service: () => LocalStepFunctions, machines: DeployedStateMachine[], creationDate: number) {
  const described = (machine: DeployedStateMachine) => ({
    stateMachineArn: machine.arn,
    name: machine.id,
    type: machine.type,
    creationDate,
  });
  return {
    ListStateMachines: () => ({ stateMachines: machines.map(described) }),
    DescribeStateMachine: (input: Record<string, unknown>) => {
      const machine = machines.find((candidate) => candidate.arn === input.stateMachineArn);
      if (!machine) throw new LocalServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(input.stateMachineArn)}'`);
      return {
        ...described(machine),
        status: 'ACTIVE',
        definition: JSON.stringify(machine.definition, null, 2),
        roleArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${machine.id}-role`,
      };
    },
    StartExecution: (input: Record<string, unknown>) => service().startExecution(input as never),
    DescribeExecution: (input: Record<string, unknown>) => service().describeExecution(input as never),
    ListExecutions: (input: Record<string, unknown>) => service().listExecutions(input as never),
    GetExecutionHistory: (input: Record<string, unknown>) => service().getExecutionHistory(input as never),
    StopExecution: (input: Record<string, unknown>) => service().stopExecution(input as never),
    RedriveExecution: (input: Record<string, unknown>) => service().redriveExecution(input as never),
    SendTaskSuccess: (input: Record<string, unknown>) => service().sendTaskSuccess(input as never),
    SendTaskFailure: (input: Record<string, unknown>) => service().sendTaskFailure(input as never),
    SendTaskHeartbeat: (input: Record<string, unknown>) => service().sendTaskHeartbeat(input as never),
  };
}
