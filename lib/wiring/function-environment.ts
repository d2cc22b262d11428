import { corsEnvironment, type CorsPolicy } from '#contracts/cors';
import { ENVIRONMENT, PAYMENT_PROVIDER_API_KEY, type SecretName, secretArnVariable } from '#contracts/environment';
import { METRICS_NAMESPACE } from '#contracts/metrics';
import type { FunctionSpec, RouteSpec, StateMachineSpec } from '#contracts/wiring';

/** How a function finds the stage's token issuer. Exactly one of jwksUrl / jwksJson is set. */
export interface TokenIssuerSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  jwksJson?: string;
  /** The `token_use` claim a token must carry (Cognito marks its tokens; other issuers need not). */
  tokenUse?: 'access' | 'id';
}

/** The deployed (or locally emulated) names a function's environment is built from. */
export interface FunctionEnvironmentInputs {
  stage: string;
  logLevel: string;
  /** The stage's saga settings, for functions with `readsSagaSettings`. */
  saga?: { asyncPaymentTimeoutSeconds: number };
  /** Powertools debug sampling (0 to 1); absent or 0: none. */
  logDebugSampleRate?: number;
  tableName: string;
  eventBusName: string;
  /** State machine id → ARN. */
  stateMachineArns: Record<string, string>;
  stateMachines: StateMachineSpec[];
  tokenIssuer: TokenIssuerSettings;
  /** Secrets by env name (CURSOR_SIGNING_KEY, PAYMENT_WEBHOOK_SECRET): a Secrets Manager ARN when deployed, the value itself locally. */
  secrets: Record<SecretName, { secretArn: string } | { value: string }>;
  /**
   * The stage's customer messaging, for the functions that send e-mail or text messages or read SES's
   * events: the sender address (absent: the stage sends no e-mail), the configuration set, SMS on or off.
   */
  notifications?: { emailFromAddress?: string; configurationSetName: string; smsEnabled: boolean };
  /**
   * The stage's CORS policy, for the functions that answer a route: with proxy integrations they,
   * not API Gateway, add the CORS headers to their answers. Absent: they add none.
   */
  cors?: CorsPolicy & { routes: readonly Pick<RouteSpec, 'functionId'>[] };
  /**
   * The payment provider, for the functions that call it: the in-sandbox simulator, or a PaymentIntents-style
   * API and its key (a Secrets Manager ARN when deployed, the value itself locally).
   */
  paymentProvider?: PaymentProviderSettings;
}

export type PaymentProviderSettings = { kind: 'simulator' } | { kind: 'http'; url: string; apiKey: { secretArn: string } | { value: string } };

function secretVariable(name: string, secret: { secretArn: string } | { value: string }): Record<string, string> {
  return 'value' in secret ? { [name]: secret.value } : { [secretArnVariable(name)]: secret.secretArn };
}

function paymentProviderEnvironment(spec: FunctionSpec, provider: PaymentProviderSettings | undefined): Record<string, string> {
  if (!provider) throw new Error(`function ${spec.id} calls the payment provider, but the stage's provider settings were not given`);
  if (provider.kind === 'simulator') return { [ENVIRONMENT.paymentProvider]: 'simulator' };
  return {
    [ENVIRONMENT.paymentProvider]: 'http',
    [ENVIRONMENT.paymentProviderUrl]: provider.url,
    ...secretVariable(PAYMENT_PROVIDER_API_KEY, provider.apiKey),
  };
}

/**
 * The environment variables of one function, derived from what it may access. Used by the CDK stack
 * and by the local runtime, so a handler reads the same variables wherever it runs.
 */
export function functionEnvironment(spec: FunctionSpec, inputs: FunctionEnvironmentInputs): Record<string, string> {
  const env: Record<string, string> = {
    [ENVIRONMENT.stage]: inputs.stage,
    POWERTOOLS_SERVICE_NAME: `ordersaga-${spec.context}`,
    POWERTOOLS_LOG_LEVEL: inputs.logLevel,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    // Keep-alive is the SDK default since v3; this keeps source-mapped stack traces in logs.
    NODE_OPTIONS: '--enable-source-maps',
  };
  if (inputs.logDebugSampleRate) env.POWERTOOLS_LOGGER_SAMPLE_RATE = String(inputs.logDebugSampleRate);
  if (spec.access.table) env[ENVIRONMENT.tableName] = inputs.tableName;
  if (spec.access.readsSagaSettings) {
    if (!inputs.saga) throw new Error(`function ${spec.id} reads the saga settings, but none were given`);
    env[ENVIRONMENT.paymentAuthorizationTimeoutSeconds] = String(inputs.saga.asyncPaymentTimeoutSeconds);
  }
  if (spec.access.publishEvents) env[ENVIRONMENT.eventBusName] = inputs.eventBusName;
  for (const machineId of new Set([...(spec.access.stateMachines ?? []), ...(spec.access.redrivesExecutions ?? [])])) {
    const machine = inputs.stateMachines.find((m) => m.id === machineId);
    const arn = inputs.stateMachineArns[machineId];
    if (!machine || !arn) throw new Error(`function ${spec.id} names unknown state machine ${machineId}`);
    env[machine.arnEnvVar] = arn;
    if (machine.typeEnvVar) env[machine.typeEnvVar] = machine.type;
  }
  if (spec.access.verifiesTokens) {
    env[ENVIRONMENT.jwtIssuer] = inputs.tokenIssuer.issuer;
    env[ENVIRONMENT.jwtAudience] = inputs.tokenIssuer.audience;
    if (inputs.tokenIssuer.jwksUrl) env[ENVIRONMENT.jwksUrl] = inputs.tokenIssuer.jwksUrl;
    if (inputs.tokenIssuer.jwksJson) env[ENVIRONMENT.jwksJson] = inputs.tokenIssuer.jwksJson;
    if (inputs.tokenIssuer.tokenUse) env[ENVIRONMENT.jwtTokenUse] = inputs.tokenIssuer.tokenUse;
  }
  if (spec.access.sendsEmail || spec.access.sendsSms || spec.access.followsEmailEvents) {
    const { notifications } = inputs;
    if (!notifications) throw new Error(`function ${spec.id} sends or follows customer messages, but the stage's notification settings were not given`);
    if (spec.access.sendsEmail && notifications.emailFromAddress) {
      env[ENVIRONMENT.emailFromAddress] = notifications.emailFromAddress;
      env[ENVIRONMENT.sesConfigurationSet] = notifications.configurationSetName;
    }
    if (spec.access.followsEmailEvents) env[ENVIRONMENT.sesConfigurationSet] = notifications.configurationSetName;
    if (spec.access.sendsSms) env[ENVIRONMENT.smsEnabled] = String(notifications.smsEnabled);
  }
  if (spec.access.signsCursors) Object.assign(env, secretVariable('CURSOR_SIGNING_KEY', inputs.secrets.CURSOR_SIGNING_KEY));
  if (spec.access.verifiesWebhooks) Object.assign(env, secretVariable('PAYMENT_WEBHOOK_SECRET', inputs.secrets.PAYMENT_WEBHOOK_SECRET));
  if (spec.access.callsPaymentProvider) Object.assign(env, paymentProviderEnvironment(spec, inputs.paymentProvider));
  if (inputs.cors?.routes.some((route) => route.functionId === spec.id)) Object.assign(env, corsEnvironment(inputs.cors));
  return { ...env, ...spec.environment };
}
