import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type AppWiring, functionEnvironment, routePath } from '#lib/wiring';
import { AwsApiServer } from './aws-api/aws-api-server';
import { localDynamoDbClientConfig } from './dynamodb/client-config';
import { connectToExistingDynamoDb, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb/dynamodb-local';
import { DynamoDbTrafficProxy } from './dynamodb/dynamodb-traffic-proxy';
import { StreamPoller } from './dynamodb/stream-poller';
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
import { FunctionHost } from './lambda/function-host';
import { localEndpoints } from './local-endpoints';
import { LOCAL_REGION, localFunctionArn, localStateMachineArn } from './local-identity';
import { PaymentProviderSimulator } from './payments/payment-provider-simulator';
import { LocalScheduler } from './scheduler/local-scheduler';
import { LocalStepFunctions } from './stepfunctions/local-step-functions';
import { loadStateMachineDefinition } from './state-machine-definitions';

export interface LocalRuntimeSettings {
  rootDir: string;
  wiring: AppWiring;
  stage: LocalStageSettings;
  /** 0 picks a free port. */
  port: number;
  /** Keep the table in this folder instead of in memory. */
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
   * tasks) that counts calls and consumed capacity and can throttle a share of them (bench, fault tests).
   */
  dynamoDbProxy?: { throttleRate?: number };
  /** The simulated payment provider fails this share of its calls transiently (fault tests). */
  paymentSimulatorFailureRate?: number;
  /**
   * Extra environment for every function, over the wiring's (tests shorten the saga's time-based
   * settings this way, e.g. the provider timeout or the settlement sweeper's due time, as
   * `stepFunctionsDelayScale` shortens the state machines' waits).
   */
  functionEnvironment?: Record<string, string>;
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
  saga: { asyncPaymentTimeoutSeconds: number };
}

export interface LocalRuntime {
  url: string;
  port: number;
  issuer: LocalTokenIssuer;
  bus: LocalEventBus;
  stepFunctions: LocalStepFunctions;
  dynamoDbEndpoint: string;
  tableName: string;
  /** With `dynamoDbProxy`: the calls the functions and tasks made, and the throttling knob. */
  dynamoDbTraffic?: DynamoDbTrafficProxy;
  /** Resolves when no event delivery, stream batch or saga step is pending. */
  idle(): Promise<void>;
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
    const { wiring, stage } = settings;
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
    const trafficProxy = settings.dynamoDbProxy ? await DynamoDbTrafficProxy.start({ target: dynamoDb.endpoint, ...settings.dynamoDbProxy }) : undefined;
    if (trafficProxy) stops.push(() => trafficProxy.close());
    const billedDynamoDbEndpoint = trafficProxy?.endpoint ?? dynamoDb.endpoint;
    const taskDynamoDbClient = trafficProxy ? new DynamoDBClient(localDynamoDbClientConfig(billedDynamoDbEndpoint)) : dynamoDbClient;
    if (trafficProxy) stops.push(() => taskDynamoDbClient.destroy());

    const bundles = await bundleFunctions(settings.rootDir, wiring.functions);
    stops.push(() => bundles.dispose());

    // Services are created after the functions (they invoke them), the endpoint before (functions call it).
    let bus: LocalEventBus | undefined;
    let stepFunctions: LocalStepFunctions | undefined;
    const awsApi = new AwsApiServer([
      {
        targetPrefix: 'AWSEvents',
        contentType: 'application/x-amz-json-1.1',
        actions: { PutEvents: (input) => bus!.putEvents(input as never) },
      },
      {
        targetPrefix: 'AWSStepFunctions',
        contentType: 'application/x-amz-json-1.0',
        actions: stepFunctionsActions(() => stepFunctions!),
      },
    ]);
    const awsEndpoint = await awsApi.listen();
    stops.push(() => awsApi.close());

    const localSecrets = {
      CURSOR_SIGNING_KEY: { value: randomBytes(32).toString('base64url') },
      PAYMENT_WEBHOOK_SECRET: { value: settings.paymentWebhookSecret ?? randomBytes(32).toString('base64url') },
    };
    // The front door listens before the functions start, so the payment provider can be given its URL
    // for its webhooks; it invokes the functions through a reference filled in below.
    let host: FunctionHost | undefined;
    let paymentProvider: PaymentProviderSimulator | undefined;
    const frontDoor = new ApiGatewayServer({
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
        executionsOf: (name) => stepFunctions!.executions({ name }),
        paymentProvider: () => paymentProvider,
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
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: LOCAL_REGION,
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      TZ: 'UTC',
      // The production HTTP adapter, against the provider above. Read only by the functions that call
      // it; the wiring does not say which those are, so every function gets them.
      PAYMENT_PROVIDER: 'http',
      PAYMENT_PROVIDER_URL: paymentProviderUrl,
      PAYMENT_PROVIDER_API_KEY: paymentProviderApiKey,
    };
    host = new FunctionHost({
      workerPath: bundles.workerPath,
      functions: wiring.functions.map((spec) => ({
        spec,
        bundlePath: bundles.bundles.get(spec.id)!,
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
            saga: stage.saga,
            cors: { ...cors, routes: wiring.routes },
          }),
          ...localEndpointsEnv,
          ...settings.functionEnvironment,
        },
      })),
    });
    const runningHost = host;
    stops.push(() => runningHost.close());

    bus = new LocalEventBus({ busName: eventBusName, rules: wiring.eventRules, invoker: host, retryBaseDelayMs: settings.eventRetryBaseDelayMs });
    stops.push(() => bus!.close());

    stepFunctions = new LocalStepFunctions({
      machines: wiring.stateMachines.map((machine) => ({
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
      tasks: { invoker: host, dynamoDb: taskDynamoDbClient, putEvents: (request) => bus!.putEvents(request) },
      retryDelayScale: settings.stepFunctionsDelayScale,
      waitScale: settings.stepFunctionsDelayScale,
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
      log,
    });
    await poller.start();
    stops.push(() => poller.stop());

    const scheduler = new LocalScheduler({ schedules: wiring.schedules, invoker: host, speedUp: settings.scheduleSpeedUp, log });
    scheduler.start();
    stops.push(() => scheduler.stop());

    const runningBus = bus;
    const runningStepFunctions = stepFunctions;
    return {
      url,
      port,
      issuer,
      bus: runningBus,
      stepFunctions: runningStepFunctions,
      dynamoDbEndpoint: dynamoDb.endpoint,
      tableName,
      dynamoDbTraffic: trafficProxy,
      idle: async () => {
        // Each source can feed another (a saga step publishes, an event starts a saga): settle twice.
        for (let round = 0; round < 2; round += 1) {
          await poller.idle();
          await runningBus.idle();
          // A saga waiting for a webhook is not "busy": it waits for someone else.
          await runningStepFunctions.idle({ includeWaiting: false });
        }
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The Step Functions API actions handler code may call, by their AWS names. */
function stepFunctionsActions(service: () => LocalStepFunctions) {
  return {
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
