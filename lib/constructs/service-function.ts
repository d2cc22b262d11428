import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { ASYNC_INVOCATION } from '#contracts/events/subscriptions';
import { functionBundling } from '#contracts/function-bundling';
import type { FunctionSpec } from '../wiring';
import { DeadLetterQueue } from './dead-letter-queue';
import { acknowledgeNagRules, wildcardResource } from './nag-acknowledgements';
import { dataRemovalPolicy, logRetention } from './stage-policies';

/** The repository root: FunctionSpec entries are relative to it, and esbuild runs there. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const RUNTIME = Runtime.NODEJS_24_X;

export interface ServiceFunctionProps {
  readonly spec: FunctionSpec;
  /** From functionEnvironment(): the variables the handler reads. */
  readonly environment: Record<string, string>;
  readonly config: Pick<StageConfig, 'logLevel' | 'logDebugSampleRate' | 'logRetentionDays' | 'tracing' | 'retainData'>;
  /**
   * Invoked asynchronously (an event rule or a schedule): Lambda retries a failed event as
   * ASYNC_INVOCATION says, then sends it to an on-failure destination, a queue, instead of dropping it.
   * @default false
   */
  readonly invokedAsynchronously?: boolean;
}

/**
 * Lambda's log-level controls (JSON format) filter before ingestion, but their level always wins over
 * Powertools': a stage that samples DEBUG logs lets Powertools filter instead (its lines are JSON
 * either way; only the platform's START/END/REPORT lines are text then).
 */
function logControls(config: Pick<StageConfig, 'logLevel' | 'logDebugSampleRate'>) {
  if (config.logDebugSampleRate > 0) return { loggingFormat: LoggingFormat.TEXT };
  return { loggingFormat: LoggingFormat.JSON, applicationLogLevelV2: ApplicationLogLevel[config.logLevel], systemLogLevelV2: SystemLogLevel.INFO };
}

/**
 * Every Lambda function of the app, with the defaults set once: Node.js 24 on arm64, bundled by the
 * local esbuild with the shared bundling settings, JSON logs into its own log group (retention and
 * removal by stage), X-Ray by stage, and a role that starts with nothing but that log group; contexts
 * add exactly what the FunctionSpec's access lists.
 */
export class ServiceFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** With `invokedAsynchronously`: the on-failure destination of Lambda's asynchronous invocations. */
  readonly deadLetterQueue?: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { spec, config } = props;
    this.spec = spec;
    if (functionBundling.nodeMajor !== 24) {
      throw new Error(`contracts/function-bundling.ts targets Node.js ${functionBundling.nodeMajor}, but functions run on ${RUNTIME.name}`);
    }

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: logRetention(config),
      removalPolicy: dataRemovalPolicy(config),
    });
    // No AWSLambdaBasicExecutionRole: it may write to any log group; this role writes to its own only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `ordersaga ${spec.id}`,
    });
    this.logGroup.grantWrite(this.role);

    if (props.invokedAsynchronously) {
      this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
        purpose: `events ${spec.id} failed to process after Lambda's retries`,
        removalPolicy: dataRemovalPolicy(config),
      });
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.resolve(PROJECT_ROOT, spec.entry),
      handler: spec.handler,
      description: spec.description,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      environment: props.environment,
      logGroup: this.logGroup,
      ...logControls(config),
      tracing: config.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      // The budget of docs/events.md, "When a subscriber fails": an on-failure destination rather than a
      // dead-letter queue, because its record carries the error and the request together.
      ...(this.deadLetterQueue
        ? {
            retryAttempts: ASYNC_INVOCATION.maximumRetryAttempts,
            maxEventAge: Duration.seconds(ASYNC_INVOCATION.maximumEventAgeSeconds),
            onFailure: new SqsDestination(this.deadLetterQueue.queue),
          }
        : {}),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        // Always the local esbuild (a devDependency): no Docker, same output as the local runtime's bundles.
        forceDockerBundling: false,
        target: `node${functionBundling.nodeMajor}`,
        format: functionBundling.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourceMap,
        sourcesContent: functionBundling.sourcesContent,
        mainFields: functionBundling.mainFields,
        // [] = the SDK is bundled (pinned to the version we test), see docs/decisions/0001-sdk-bundling.md.
        externalModules: functionBundling.externalModules,
        loader: functionBundling.loader,
        esbuildArgs: Object.fromEntries(Object.entries(functionBundling.supported).map(([feature, on]) => [`--supported:${feature}`, String(on)])),
        // Static files the handler reads beside its bundle (FunctionSpec.assets), copied into the package.
        ...(spec.assets
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  Object.entries(spec.assets!).map(([name, source]) => `cp "${path.join(inputDir, source)}" "${path.join(outputDir, name)}"`),
              },
            }
          : {}),
      },
    });

    if (config.tracing) {
      acknowledgeNagRules(
        this,
        wildcardResource('*', 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions; Tracing.ACTIVE adds exactly these two actions.'),
      );
    } else {
      acknowledgeNagRules(this, { id: 'Serverless-LambdaTracing', reason: 'Tracing is off for this stage by configuration (LocalStack has no X-Ray).' });
    }
    acknowledgeNagRules(this, {
      id: 'Serverless-LambdaDLQ',
      reason: props.invokedAsynchronously
        ? `${spec.id} is invoked asynchronously and sends what Lambda's retries could not process to an on-failure destination (an SQS queue, in the EventInvokeConfig), whose record holds the error beside the event; a dead-letter queue as well would receive every failure twice.`
        : `${spec.id} is only invoked synchronously (API Gateway, Step Functions, or an event source mapping with its own on-failure destination): the caller sees every error and a function DLQ would never receive anything.`,
    });
  }
}
