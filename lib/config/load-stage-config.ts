import * as z from 'zod';
import { STAGE_NAMES, stageConfigSchema, type StageConfig, type StageConfigInput, type StageName } from './stage-config-schema';
import { devStage } from './stages/dev';
import { localStage } from './stages/local';
import { localstackStage } from './stages/localstack';
import { prodStage } from './stages/prod';

const stageSettings: Record<StageName, StageConfigInput> = {
  dev: devStage,
  prod: prodStage,
  localstack: localstackStage,
  local: localStage,
};

/** Settings that are not in version control but given when deploying (or starting the local runtime). */
export interface DeployInputs {
  /** The external issuer's key set as JSON (LocalStack, the local runtime). */
  jwksJson?: string;
  /** Addresses subscribed to the alarm topic. */
  alarmEmails?: string[];
  /** Existing SNS topics every alarm notifies as well. */
  alarmTopicArns?: string[];
  /** The verified SES identity the Cognito user pool sends its e-mail through (validated with the stage). */
  userPoolEmail?: { fromAddress?: string; sesIdentityArn?: string };
  /** The sender of the customer notifications and its verified SES identity (validated with the stage). */
  notificationEmail?: { fromAddress?: string; sesIdentityArn?: string };
  /** A real payment provider: its API's origin and the secret holding its API key (validated with the stage). */
  paymentProvider?: { url?: string; apiKeySecretArn?: string; apiKeyKmsKeyArn?: string };
}

/**
 * An external issuer with no key set yet trusts nothing: every token is rejected until one is given.
 * Failing closed keeps `cdk synth -c stage=localstack` working offline without opening the API.
 */
export const EMPTY_JWKS = '{"keys":[]}';

export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

const isStageName = (stage: string): stage is StageName => (STAGE_NAMES as readonly string[]).includes(stage);

/**
 * The validated settings of one stage. Throws a StageConfigError naming the stage and every invalid
 * setting (its path and what is wrong), or listing the known stages.
 */
export function loadStageConfig(stage: string, inputs: DeployInputs = {}): StageConfig {
  if (!isStageName(stage)) {
    throw new StageConfigError(`Unknown stage "${stage}". Known stages: ${STAGE_NAMES.join(', ')} (choose one with -c stage=<name>).`);
  }
  return parseStageConfig(withDeployInputs(stageSettings[stage], inputs));
}

/** Validates settings given as data (the stage files, or a test's variation of them). */
export function parseStageConfig(settings: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(settings);
  if (!result.success) {
    const stage = (settings as { stage?: unknown } | undefined)?.stage;
    throw new StageConfigError(`Invalid configuration for stage "${String(stage)}":\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function withDeployInputs(settings: StageConfigInput, inputs: DeployInputs): StageConfigInput {
  const notify = settings.alarms.notify ?? {};
  const alarms = {
    ...settings.alarms,
    notify: { emails: [...(notify.emails ?? []), ...(inputs.alarmEmails ?? [])], topicArns: [...(notify.topicArns ?? []), ...(inputs.alarmTopicArns ?? [])] },
  };
  // Given at deploy time, the sender replaces the stage file's (the zod schema names a half-given one).
  const notifications =
    inputs.notificationEmail === undefined
      ? settings.notifications
      : { ...settings.notifications, email: inputs.notificationEmail as { fromAddress: string; sesIdentityArn?: string } };
  // Given at deploy time, a provider replaces the stage file's; half of one is handed over for the schema to name.
  const payments = inputs.paymentProvider === undefined ? settings.payments : ({ provider: 'http', ...inputs.paymentProvider } as StageConfigInput['payments']);
  return { ...settings, alarms, notifications, payments, auth: authWithDeployInputs(settings.auth, inputs) };
}

function authWithDeployInputs(settings: StageConfigInput['auth'], inputs: DeployInputs): StageConfigInput['auth'] {
  if (settings.kind === 'cognito') {
    // The zod schema validates (and names) a half-given identity; the cast only hands it over as given.
    return inputs.userPoolEmail === undefined ? settings : { ...settings, email: inputs.userPoolEmail as { fromAddress: string; sesIdentityArn: string } };
  }
  const auth = { ...settings };
  if (inputs.jwksJson !== undefined) {
    auth.jwksJson = inputs.jwksJson;
    delete auth.jwksUrl;
  } else if (auth.jwksUrl === undefined && auth.jwksJson === undefined) {
    auth.jwksJson = EMPTY_JWKS;
  }
  return auth;
}
