import path from 'node:path';
import { loadStageConfig } from '#lib/config';
import { DEFAULT_E2E_KEYS_DIR, PRIVATE_JWK_FILE_NAME } from './issuer-keys';

/**
 * The environment the e2e suite reads (README, "End-to-end tests"):
 *
 * | variable | meaning |
 * |---|---|
 * | `API_URL` | unset: start a local runtime in process. Set: the stage's base URL, i.e. the stack output `…ApiEndpoint…` as printed, stage path included (`https://abc.execute-api.eu-west-1.amazonaws.com/dev/`); the suite appends `/api/v1/…`. A trailing `/api/v1` is tolerated. |
 * | `E2E_EVENTS_QUEUE_URL` | deployed stack: the events test tap (stack output EventsTestTapQueueUrl) |
 * | `E2E_SIGNING_KEY_FILE` | deployed stack: the private JWK from `npm run e2e:keys` (default .e2e/issuer-private-jwk.json) |
 * | `E2E_ISSUER`, `E2E_AUDIENCE` | deployed stack: the token issuer and audience (default: the localstack stage's) |
 * | `E2E_WEBHOOK_SECRET` | the payment webhook secret (value of the secret named by the stack output SecretsPaymentWebhookSecretArn…) |
 * | `E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS` | deployed stack: its stage's `saga.asyncPaymentTimeoutSeconds`, if short enough to wait for (the timeout test waits for it; unset, that test shows the order waiting instead) |
 * | `E2E_EMAIL_FEEDBACK` | `true`: the deployed stage sends e-mail from a verified SES identity and its configuration set's events reach the notification records, so the suite waits for `delivered` and `bounced` (SES's mailbox simulator addresses); default false (LocalStack publishes no SES events) |
 * | `E2E_STAGE_THROTTLING` | `true`/`false`: whether the target enforces the stage throttles (default: true on AWS and a local runtime, false elsewhere, e.g. LocalStack) |
 */
export type E2eTargetSettings = { kind: 'in-process' } | ({ kind: 'url' } & UrlTargetSettings);

export interface UrlTargetSettings {
  apiUrl: string;
  eventsQueueUrl?: string;
  signingKeyFile: string;
  issuer: string;
  audience: string;
  webhookSecret?: string;
  /** Undefined: the target decides (see startE2eTarget and the deployed-stack target). */
  stageThrottling?: boolean;
  /** The deployed stage's async payment timeout, when the suite may wait for it. */
  asyncPaymentTimeoutSeconds?: number;
  /** The stage's SES events reach its notification records (a verified sender identity; not LocalStack). */
  emailFeedback?: boolean;
}

const rootDir = path.resolve(__dirname, '../../..');

/** `https://host/dev/`, `https://host/dev/api/v1/` → `https://host/dev`. */
export function normalizeApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`API_URL=${raw} is not a URL; give the stage's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/dev`);
  }
  if (url.search || url.hash) throw new Error(`API_URL=${raw} has a query or fragment; give the stage's base URL only`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}

function booleanSetting(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name}=${value}: use true or false`);
}

function secondsSetting(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`${name}=${value}: give a whole number of seconds`);
  return seconds;
}

export function readE2eTargetSettings(env: NodeJS.ProcessEnv = process.env): E2eTargetSettings {
  if (!env.API_URL) return { kind: 'in-process' };
  // The localstack stage is the deployable stage with an external issuer whose keys the suite holds.
  const issuerOfStage = loadStageConfig('localstack').auth;
  const stageIssuer = issuerOfStage.kind === 'external' ? issuerOfStage : undefined;
  const issuer = env.E2E_ISSUER || stageIssuer?.issuer;
  const audience = env.E2E_AUDIENCE || stageIssuer?.audience;
  if (!issuer || !audience) throw new Error("set E2E_ISSUER and E2E_AUDIENCE to the stage's external issuer");
  return {
    kind: 'url',
    apiUrl: normalizeApiUrl(env.API_URL),
    eventsQueueUrl: env.E2E_EVENTS_QUEUE_URL || undefined,
    signingKeyFile: path.resolve(rootDir, env.E2E_SIGNING_KEY_FILE || path.join(DEFAULT_E2E_KEYS_DIR, PRIVATE_JWK_FILE_NAME)),
    issuer,
    audience,
    webhookSecret: env.E2E_WEBHOOK_SECRET || undefined,
    stageThrottling: booleanSetting('E2E_STAGE_THROTTLING', env.E2E_STAGE_THROTTLING),
    asyncPaymentTimeoutSeconds: secondsSetting('E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS', env.E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS),
    emailFeedback: booleanSetting('E2E_EMAIL_FEEDBACK', env.E2E_EMAIL_FEEDBACK),
  };
}
